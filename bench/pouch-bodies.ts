/**
 * Every document of a PouchDB database without its revision, and their size as JSON:
 * what the sync stages copy to build their floor (plain PouchDB moving documents of the
 * same sizes). Import-free, for the Node stage and the browser page alike.
 */
interface AllDocs {
  allDocs(o: {
    include_docs: true;
    limit: number;
    startkey?: string;
    skip?: number;
  }): Promise<{ rows: { id: string; doc?: { _id: string; _rev?: string } | null }[] }>;
}

export async function allBodies(db: AllDocs): Promise<{ bodies: { _id: string; [k: string]: unknown }[]; bytes: number }> {
  const bodies: { _id: string; [k: string]: unknown }[] = [];
  let bytes = 0;
  for (let startkey: string | undefined; ;) {
    const page = await db.allDocs({ include_docs: true, limit: 5000, ...(startkey ? { startkey, skip: 1 } : {}) });
    if (page.rows.length === 0) break;
    for (const row of page.rows) {
      const { _rev: _r, ...doc } = row.doc!;
      bytes += JSON.stringify(doc).length;
      bodies.push(doc);
    }
    startkey = page.rows.at(-1)!.id;
  }
  return { bodies, bytes };
}
