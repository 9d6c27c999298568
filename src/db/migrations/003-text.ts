/**
 * Migration 003: the text a checked document's findings point into (SourceDoc.text of a DOCX/HTML/TXT upload,
 * whose offsets and line/column the findings carry), so the findings view can draw it with each span marked.
 */
import type { Kysely } from 'kysely';

export const migration003 = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('documents').addColumn('text_content', 'text').execute();
  },
};
