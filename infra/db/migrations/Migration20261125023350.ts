import { Migration } from '@mikro-orm/migrations';

export class Migration20261125023350 extends Migration {

  override name = 'Migration20261125023350';

  override up(): void | Promise<void> {
    this.addSql(`create table "mail_template" ("id" uuid not null, "name" varchar(200) not null, "subject" varchar(300) not null, "html" text not null, "text" text not null, "campaign_id" uuid null, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "mail_template_campaign_id_index" on "mail_template" ("campaign_id");`);

    this.addSql(`alter table "mail_template" add constraint "mail_template_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "mail_template" cascade;`);
  }

}
