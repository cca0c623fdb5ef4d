/**
 * Thresholds shared by the summary (which decides `dueAt`) and the reasons (which
 * say why). Kept together so that "due" and "has a reason" cannot drift apart.
 */

/** Passive touches since the last personal one before we suggest a real contact: one like is kind, three are a pattern replacing conversation. */
export const LIKE_DEBT_MIN = 3;
/** Outbound broadcasts since the last personal one: even one promo to someone you have not talked to is "only ads". */
export const BROADCAST_MIN = 1;
/** A new connection is worth a personal hello while it is fresh: one week. */
export const WELCOME_DAYS = 7;
/** A relationship with at least this many personal touches ever is worth rekindling... */
export const REKINDLE_MIN = 5;
/** ...once this long has passed since the last one (about six months). */
export const REKINDLE_AFTER_DAYS = 180;
/** The "12 months" window of personal12m / inbound12m. */
export const WINDOW_12M_DAYS = 365;
/** Default number of rekindle suggestions a day. */
export const MAX_REKINDLE = 3;
