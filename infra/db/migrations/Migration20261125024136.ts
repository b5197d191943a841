import { Migration } from '@mikro-orm/migrations';

export class Migration20261125024136 extends Migration {

  override name = 'Migration20261125024136';

  override up(): void | Promise<void> {
    this.addSql(`create table "mail_send" ("id" uuid not null, "key" varchar(400) not null, "name" varchar(100) not null, "campaign_id" uuid null, "template_id" uuid not null, "started_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "mail_send" add constraint "mail_send_key_unique" unique ("key");`);
    this.addSql(`create index "mail_send_campaign_id_index" on "mail_send" ("campaign_id");`);

    this.addSql(`create table "mail_delivery" ("id" uuid not null, "send_id" uuid not null, "client_id" uuid not null, "client_name" varchar(300) not null, "process_id" uuid null, "email" varchar(254) null, "status" text not null default 'queued', "reason" text null, "token" varchar(64) not null, "subject" text not null, "html" text not null, "text" text not null, "links" jsonb not null default '[]', "attempts" int not null default 0, "next_attempt_at" timestamptz null, "lease_owner" uuid null, "lease_until" timestamptz null, "queued_at" timestamptz not null, "sent_at" timestamptz null, "opened_at" timestamptz null, "clicked_at" timestamptz null, "click_response_id" uuid null, primary key ("id"));`);
    this.addSql(`alter table "mail_delivery" add constraint "mail_delivery_token_unique" unique ("token");`);
    this.addSql(`create index "mail_delivery_status_next_attempt_at_index" on "mail_delivery" ("status", "next_attempt_at");`);
    this.addSql(`create index "mail_delivery_send_id_status_index" on "mail_delivery" ("send_id", "status");`);
    this.addSql(`alter table "mail_delivery" add constraint "mail_delivery_send_id_client_id_unique" unique ("send_id", "client_id");`);

    this.addSql(`create table "mail_suppression" ("email" varchar(254) not null, "reason" text not null, "delivery_id" uuid null, "created_at" timestamptz not null, primary key ("email"));`);

    this.addSql(`alter table "mail_delivery" add constraint "mail_delivery_send_id_foreign" foreign key ("send_id") references "mail_send" ("id") on delete cascade;`);
    this.addSql(`alter table "mail_delivery" add constraint "mail_delivery_status_check" check ("status" in ('queued', 'sending', 'sent', 'failed', 'bounced', 'skipped'));`);

    this.addSql(`alter table "mail_suppression" add constraint "mail_suppression_reason_check" check ("reason" in ('unsubscribed', 'bounced'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "mail_delivery" drop constraint "mail_delivery_send_id_foreign";`);

    this.addSql(`drop table if exists "mail_send" cascade;`);
    this.addSql(`drop table if exists "mail_delivery" cascade;`);
    this.addSql(`drop table if exists "mail_suppression" cascade;`);
  }

}
