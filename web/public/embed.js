/*
 * Kiln chat bubble. Put a Kiln chat app on any website:
 *
 *   <script>window.kilnChatbotConfig = { token: "<site code>", baseUrl: "https://kiln.example.com" };</script>
 *   <script src="https://kiln.example.com/embed.js" defer></script>
 *
 * Adds a round button in the bottom-right corner; it opens the app's hosted page (/chat/<code>)
 * in a panel (an iframe, loaded on first open). Options: `token` (required), `baseUrl` (defaults
 * to where this script was loaded from), `buttonColor` (CSS colour, default Kiln's ember).
 */
(() => {
  const config = window.kilnChatbotConfig || {};
  if (!config.token) {
    console.error("Kiln embed: set window.kilnChatbotConfig = { token: '<site code>' } before loading embed.js.");
    return;
  }
  if (document.getElementById("kiln-chatbot-bubble-button")) return;

  const script = document.currentScript;
  const origin = script?.src ? new URL(script.src).origin : window.location.origin;
  const baseUrl = String(config.baseUrl || origin).replace(/\/+$/, "");
  const color = config.buttonColor || "#ea580c";
  const chatUrl = `${baseUrl}/chat/${encodeURIComponent(config.token)}`;

  const CHAT_ICON =
    '<svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';
  const CLOSE_ICON =
    '<svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true"><path d="M18 6 6 18M6 6l12 12"/></svg>';

  const style = document.createElement("style");
  style.textContent = `
    #kiln-chatbot-bubble-button {
      position: fixed; right: 16px; bottom: 16px; z-index: 2147483646;
      width: 56px; height: 56px; border: 0; border-radius: 9999px; cursor: pointer;
      display: flex; align-items: center; justify-content: center;
      background: ${color}; color: #fff;
      box-shadow: 0 10px 30px -10px rgba(24,24,27,.45), 0 4px 10px -6px rgba(24,24,27,.3);
      transition: transform .15s ease;
    }
    #kiln-chatbot-bubble-button:hover { transform: scale(1.06); }
    #kiln-chatbot-bubble-button:focus-visible { outline: 2px solid ${color}; outline-offset: 3px; }
    #kiln-chatbot-bubble-window {
      position: fixed; right: 16px; bottom: 84px; z-index: 2147483647;
      width: 24rem; height: 40rem; max-width: calc(100vw - 32px); max-height: calc(100vh - 104px);
      border-radius: 16px; overflow: hidden; background: #fafafa;
      box-shadow: 0 20px 50px -12px rgba(24,24,27,.35), 0 0 0 1px rgba(24,24,27,.08);
      display: none;
    }
    #kiln-chatbot-bubble-window.kiln-open { display: block; }
    #kiln-chatbot-bubble-window iframe { width: 100%; height: 100%; border: 0; display: block; }
    @media (max-width: 640px) {
      #kiln-chatbot-bubble-window { inset: 0 0 80px 0; width: 100%; height: auto; max-width: none; max-height: none; border-radius: 0 0 16px 16px; }
    }
  `;
  document.head.appendChild(style);

  const panel = document.createElement("div");
  panel.id = "kiln-chatbot-bubble-window";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", "Chat");

  const button = document.createElement("button");
  button.id = "kiln-chatbot-bubble-button";
  button.type = "button";
  button.setAttribute("aria-label", "Open chat");
  button.setAttribute("aria-expanded", "false");
  button.innerHTML = CHAT_ICON;

  const setOpen = (open) => {
    if (open && !panel.firstChild) {
      const frame = document.createElement("iframe");
      frame.src = chatUrl;
      frame.title = "Chat";
      frame.allow = "clipboard-write";
      panel.appendChild(frame);
    }
    panel.classList.toggle("kiln-open", open);
    button.innerHTML = open ? CLOSE_ICON : CHAT_ICON;
    button.setAttribute("aria-label", open ? "Close chat" : "Open chat");
    button.setAttribute("aria-expanded", String(open));
  };

  button.addEventListener("click", () => setOpen(!panel.classList.contains("kiln-open")));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && panel.classList.contains("kiln-open")) setOpen(false);
  });

  const mount = () => {
    document.body.appendChild(panel);
    document.body.appendChild(button);
  };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
