// In a sandboxed frame without allow-same-origin the page's module and
// WebAssembly are refused (an opaque origin fails their CORS checks), so
// the loading note's fallback names the page's own address to open in a
// tab. A classic script file: the page's Content-Security-Policy allows no
// inline script.
if (self.origin === "null") for (const u of document.querySelectorAll(".boot-url")) u.textContent = location.href;
