// First-run setup (Dify's /install): creates the owner account and its workspace, once.
import { eq } from "drizzle-orm";
import type { Ctx } from "../context";
import { accounts, members, setups, workspaces } from "../db/schema";
import { hashPassword, timingSafeEqual } from "../lib/crypto";
import { KilnError, Unauthorized } from "../lib/errors";

const SETUP_ID = "kiln";

export async function getSetupStatus(ctx: Ctx): Promise<{ step: "not_started" | "finished"; setup_at?: number }> {
  const row = await ctx.db.select().from(setups).where(eq(setups.id, SETUP_ID)).get();
  return row ? { step: "finished", setup_at: Math.floor(row.setupAt / 1000) } : { step: "not_started" };
}

const alreadySetup = () => new KilnError("already_setup", 403, "Kiln has already been set up.");

export async function runSetup(
  ctx: Ctx,
  input: { email: string; name: string; password: string; init_password?: string },
): Promise<{ accountId: string; workspaceId: string }> {
  const initPassword = ctx.config.INIT_PASSWORD;
  if (initPassword && !timingSafeEqual(input.init_password ?? "", initPassword)) {
    throw Unauthorized("The init password is wrong.", "authentication_failed");
  }
  if ((await getSetupStatus(ctx)).step === "finished") throw alreadySetup();
  const now = ctx.now();
  const { hash, salt } = await hashPassword(input.password);
  const accountId = ctx.newId();
  const workspaceId = ctx.newId();
  try {
    // One batch = one transaction: the setups primary key makes a concurrent second setup fail whole.
    await ctx.db.batch([
      ctx.db.insert(setups).values({ id: SETUP_ID, setupAt: now }),
      ctx.db.insert(accounts).values({
        id: accountId,
        email: input.email.toLowerCase(),
        name: input.name,
        passwordHash: hash,
        passwordSalt: salt,
        createdAt: now,
        updatedAt: now,
      }),
      ctx.db.insert(workspaces).values({ id: workspaceId, name: `${input.name}'s Workspace`, createdAt: now }),
      ctx.db.insert(members).values({ id: ctx.newId(), workspaceId, accountId, role: "owner", createdAt: now }),
    ]);
  } catch (err) {
    if (String(err).includes("UNIQUE")) throw alreadySetup();
    throw err;
  }
  return { accountId, workspaceId };
}
