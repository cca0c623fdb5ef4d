// Kith popup, first step. A classic script runs while the page is parsed, before
// the module scripts (React) have loaded: the two reads the popup's first paint
// needs (the settings, and the background's snapshot of today's list) start here
// and overlap that loading. entrypoints/popup/main.tsx takes them; it reads them
// itself if this did not run.
//
// When the snapshot is today's and already in words in the user's language
// (`paint`, lib/ui/reach-paint.ts), its rows are put in the page at once, as text,
// with the markup the list will have: React replaces them with the live list a
// moment later. No imports.
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
    return;
  }
  globalThis.__kithPopupBoot
    .then(function (got) {
      whenRoot(function () {
        prepaint(got[0] || {}, got[1]);
      });
    })
    .catch(function () {});

  /** This runs in <head>: the reads may be back before <body> is parsed. The page turns "interactive" before its modules run. */
  function whenRoot(cb) {
    if (document.getElementById('root') || document.readyState !== 'loading') return cb();
    document.addEventListener('readystatechange', function once() {
      if (document.readyState === 'loading') return;
      document.removeEventListener('readystatechange', once);
      cb();
    });
  }

  /** As lib/i18n resolveLang. */
  function langOf(settings) {
    if (settings.language === 'en' || settings.language === 'it') return settings.language;
    var ui = api.i18n && api.i18n.getUILanguage ? api.i18n.getUILanguage() : '';
    return String(ui || '').toLowerCase().indexOf('it') === 0 ? 'it' : 'en';
  }

  /** As the background's localParts(...).day: YYYY-MM-DD in the user's time zone. */
  function today(settings) {
    var tz = settings.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    var parts = {};
    new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date()).forEach(function (p) {
      parts[p.type] = p.value;
    });
    return parts.year + '-' + parts.month + '-' + parts.day;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function prepaint(settings, snap) {
    var paint = snap && snap.paint;
    var root = document.getElementById('root');
    // Only today's list, never an empty one ("nobody is waiting" must never be a guess), only in the page's language.
    if (!paint || !root || root.firstChild || !paint.rows || paint.rows.length === 0 || snap.day !== today(settings) || paint.lang !== langOf(settings)) return;
    document.documentElement.lang = paint.lang;
    if (settings.theme === 'light' || settings.theme === 'dark') document.documentElement.dataset.theme = settings.theme;
    var main = el('main', 'popup-main');
    main.setAttribute('data-prepaint', '');
    // The bar's room, kept so the list does not move when the real bar arrives; not usable yet.
    var bar = el('div', 'popup-bar');
    bar.setAttribute('aria-hidden', 'true');
    bar.setAttribute('inert', '');
    bar.style.visibility = 'hidden';
    bar.appendChild(el('button', 'primary', paint.openPanel));
    bar.appendChild(el('button', 'link', paint.options));
    main.appendChild(bar);
    var section = el('section', 'reach reach-popup');
    section.appendChild(el('h1', '', paint.title));
    section.appendChild(el('p', 'muted', paint.waiting));
    var ul = el('ul', 'reach-list');
    paint.rows.forEach(function (r) {
      var li = el('li', 'reach-row');
      var avatar = el('span', 'avatar avatar-initials', r.initials);
      avatar.setAttribute('aria-hidden', 'true');
      li.appendChild(avatar);
      var body = el('div', 'reach-main');
      body.appendChild(el('span', 'reach-name', r.name));
      body.appendChild(el('span', 'reach-reason reason-' + String(r.code).replace(/[^a-z-]/g, ''), r.reason));
      li.appendChild(body);
      ul.appendChild(li);
    });
    section.appendChild(ul);
    main.appendChild(section);
    root.appendChild(main);
  }
})();
