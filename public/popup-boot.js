// Kith popup, first step. A classic script runs while the page is parsed, before
// the module scripts (React) have loaded: the two reads the popup's first paint
// needs (the settings, and the background's snapshot of today's list) start here
// and overlap that loading. entrypoints/popup/main.tsx takes them; it reads them
// itself if this did not run. No imports, no other work.
(function () {
  var api = globalThis.browser || globalThis.chrome;
  try {
    globalThis.__kithPopupBoot = Promise.all([
      api.storage.local.get('settings').then(function (got) {
        return got.settings;
      }),
      api.storage.session.get('reach:snapshot').then(function (got) {
        return got['reach:snapshot'];
      }),
    ]);
  } catch {
    globalThis.__kithPopupBoot = undefined;
  }
})();
