/** Migration 002: the model extracted from an uploaded document (engine/extract.ts), for the cross-year check. */
import type { Kysely } from 'kysely';

export const migration002 = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('documents').addColumn('extracted_json', 'text').execute();
  },
};
