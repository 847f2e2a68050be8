// The importable modules. Each is built once per isolate on first import and is immutable
// (setattr on modules is refused), so nothing leaks between runs.
import { replay } from "../replay";
import type { PyModule } from "../values";
import { abcModule } from "./abc";
import { astModule } from "./ast";
import { base64Module } from "./base64";
import { collectionsModule } from "./collections";
import { csvModule } from "./csv";
import { dataclassesModule } from "./dataclasses";
import { datetimeModule, zoneinfoModule } from "./datetime";
import { copyModule, functoolsModule, itertoolsModule } from "./functional";
import { hashlibModule, hmacModule } from "./hashlib";
import { ioModule } from "./io";
import { jsonModule } from "./json";
import { jsonRepairModule } from "./json-repair";
import { loggingModule } from "./logging";
import { mathModule } from "./math";
import { operatorModule } from "./operator";
import { osModule, osPathModule } from "./os";
import { randomModule } from "./random";
import { reModule } from "./re";
import { requestsExceptionsModule, requestsModule } from "./requests";
import { statisticsModule } from "./statistics";
import { stringModule, typingModule } from "./text";
import { textwrapModule } from "./textwrap";
import { timeModule } from "./time";
import { unicodedataModule } from "./unicodedata";
import { uuidModule } from "./uuid";
import { htmlParserModule } from "./html-parser";
import { htmlModule, urllibModule, urllibParseModule } from "./web";

const FACTORIES: Record<string, () => PyModule> = {
  json: jsonModule,
  json_repair: jsonRepairModule,
  re: reModule,
  datetime: datetimeModule,
  zoneinfo: zoneinfoModule,
  time: timeModule,
  math: mathModule,
  random: randomModule,
  base64: base64Module,
  typing: typingModule,
  string: stringModule,
  collections: collectionsModule,
  hashlib: hashlibModule,
  hmac: hmacModule,
  logging: loggingModule,
  uuid: uuidModule,
  functools: functoolsModule,
  itertools: itertoolsModule,
  copy: copyModule,
  abc: abcModule,
  ast: astModule,
  io: ioModule,
  operator: operatorModule,
  statistics: statisticsModule,
  textwrap: textwrapModule,
  csv: csvModule,
  unicodedata: unicodedataModule,
  dataclasses: dataclassesModule,
  "html.parser": htmlParserModule,
  html: () => htmlModule(loadModule("html.parser")!),
  "urllib.parse": urllibParseModule,
  urllib: () => urllibModule(loadModule("urllib.parse")!),
  "os.path": osPathModule,
  os: () => osModule(loadModule("os.path")!),
};

export const MODULE_NAMES = Object.keys(FACTORIES);

/** Importable only when the run has network access (runPython was given a fetch). */
const NETWORK_FACTORIES: Record<string, () => PyModule> = {
  "requests.exceptions": requestsExceptionsModule,
  requests: () => requestsModule(loadModule("requests.exceptions")!),
};

const loaded = new Map<string, PyModule>();

export function loadModule(name: string): PyModule | null {
  if (name in NETWORK_FACTORIES && !replay.current) return null;
  let m = loaded.get(name);
  if (!m) {
    const factory = FACTORIES[name] ?? (replay.current ? NETWORK_FACTORIES[name] : undefined);
    if (!factory) return null;
    m = factory();
    loaded.set(name, m);
  }
  return m;
}
