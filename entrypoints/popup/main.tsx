/**
 * The popup's module entry, kept tiny: React and the app are a chunk of their own,
 * loaded from here. The rows the boot script (popup-boot.js) may have put in the page from
 * the snapshot can then be painted while that chunk is fetched and evaluated,
 * instead of after it.
 */
void import('./app').then((m) => m.start());
