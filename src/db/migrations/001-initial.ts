/**
 * Migration 001: the whole first schema. The only dialect difference is how an integer key is generated and
 * what a byte column is called; everything else is the same SQL on SQLite and PostgreSQL.
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

export function migration001(dialect: 'sqlite' | 'postgres') {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await withId(db.schema.createTable('regions'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'integer', (c) => c.references('regions.id'))
        .execute();
      await withId(db.schema.createTable('departments'))
        .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
        .addColumn('parent_id', 'integer', (c) => c.references('departments.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('fiscal_years').addColumn('year', 'integer', (c) => c.primaryKey()).execute();
      await withId(db.schema.createTable('users'))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
        .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('csrf', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('blobs')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('bytes', sql.raw(bytes), (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('batches'))
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('documents'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
        .addColumn('year', 'integer')
        .addColumn('batch_id', 'integer', (c) => c.references('batches.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .addColumn('checked_at', 'text')
        .addColumn('check_runs', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('checked_by', 'text')
        .addColumn('result_json', 'text')
        .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('warnings', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('infos', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('documents_dept_year').on('documents').columns(['department_id', 'year']).execute();
      await db.schema.createIndex('documents_batch').on('documents').column('batch_id').execute();
      await withId(db.schema.createTable('findings'))
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('justification', 'text')
        .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
        .addColumn('updated_at', 'text')
        .execute();
      await db.schema.createIndex('findings_document').on('findings').columns(['document_id', 'idx']).execute();
      await withId(db.schema.createTable('models'))
        .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
        .addColumn('json', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('models_dept_year_version', ['department_id', 'year', 'version'])
        .execute();
      await withId(db.schema.createTable('reports'))
        .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('model_version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await withId(db.schema.createTable('audit_log'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('detail', 'text')
        .execute();
    },
  };
}
