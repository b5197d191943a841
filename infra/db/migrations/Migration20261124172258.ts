import { Migration } from '@mikro-orm/migrations';

export class Migration20261124172258 extends Migration {

  override name = 'Migration20261124172258';

  override up(): void | Promise<void> {
    this.addSql(`create table "import_job" ("id" uuid not null, "kind" text not null, "file_name" varchar(255) not null, "format" varchar(8) not null, "file" bytea not null, "sheets" jsonb not null, "sheet" varchar(255) null, "columns" jsonb not null, "rows" jsonb not null, "row_count" int not null, "mapping" jsonb not null, "duplicates" text not null default 'skip', "status" text not null default 'uploaded', "preview" jsonb null, "counts" jsonb null, "result" jsonb null, "created_by_id" uuid not null, "created_at" timestamptz not null, "committed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "import_job_created_by_id_created_at_index" on "import_job" ("created_by_id", "created_at");`);

    this.addSql(`alter table "import_job" add constraint "import_job_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id");`);
    this.addSql(`alter table "import_job" add constraint "import_job_kind_check" check ("kind" in ('clients', 'contacts', 'deals'));`);
    this.addSql(`alter table "import_job" add constraint "import_job_duplicates_check" check ("duplicates" in ('skip', 'import'));`);
    this.addSql(`alter table "import_job" add constraint "import_job_status_check" check ("status" in ('uploaded', 'previewed', 'committed'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "import_job" cascade;`);
  }

}
