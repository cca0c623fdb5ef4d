/**
 * English and Italian words too common to find anyone by, dropped from the long
 * text fields (notes, touches, how we met) only: they would sit in nearly every
 * person's document, making the index larger and every query slower, and a name
 * such as "Di Maio" keeps its "di". Folded (no accents): "è" is "e".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be but by for from had has have he her his i in is it its me my of on or our she so that the their them they this to was we were ' +
    'what when which who will with you your ' +
    'ad al alla alle agli ai anche che chi ci col come con da dal dalla dei del della delle degli di e ed gli ha hanno ho il io la le lei lo lui ma mi ne ' +
    'nei nel nella non o per piu quando questo questa se si sono su sua suo sul sulla ti tra fra tu un una uno'
  ).split(' '),
);
