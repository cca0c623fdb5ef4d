/**
 * The popup's first script, `/popup-boot.js` (loaded by popup/index.html before
 * its modules): built on its own as a classic script with nothing imported at run
 * time. What it does: lib/ui/popup-boot.ts.
 */
import { startPopupBoot } from '@/lib/ui/popup-boot';

export default defineUnlistedScript({ globalName: false, main: startPopupBoot });
