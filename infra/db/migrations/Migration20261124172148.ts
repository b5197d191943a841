import { Migration } from '@mikro-orm/migrations';

export class Migration20261124172148 extends Migration {

  override name = 'Migration20261124172148';

  override up(): void | Promise<void> {
    this.addSql(`create table "invoice" ("id" uuid not null, "number" varchar(40) not null, "client_id" uuid not null, "deal_id" uuid null, "amount" bigint not null, "lines" jsonb not null, "issue_date" date not null, "due_date" date not null, "state" text not null default 'issued', "paid" bigint not null default '0', "cancel_reason" text null, "cancelled_at" timestamptz null, "cancelled_by_id" uuid null, "reminder_called_at" date null, "payment_promised_on" date null, "notes" text null, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_by_id" uuid not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "invoice" add constraint "invoice_number_unique" unique ("number");`);
    this.addSql(`create index "invoice_deal_id_index" on "invoice" ("deal_id");`);
    this.addSql(`create index "invoice_client_id_state_due_date_index" on "invoice" ("client_id", "state", "due_date");`);
    this.addSql(`create index "invoice_due_date_id_index" on "invoice" ("due_date", "id");`);
    this.addSql(`create index "invoice_updated_at_id_index" on "invoice" ("updated_at", "id");`);

    this.addSql(`create table "planned_payment" ("id" uuid not null, "invoice_id" uuid not null, "due_on" date not null, "amount" bigint not null, primary key ("id"));`);
    this.addSql(`create index "planned_payment_invoice_id_due_on_index" on "planned_payment" ("invoice_id", "due_on");`);

    this.addSql(`create table "invoice_payment" ("id" uuid not null, "invoice_id" uuid not null, "paid_on" date not null, "amount" bigint not null, "document_number" varchar(100) not null, "overpayment" boolean not null default false, "recorded_by_id" uuid null, "integration_key_id" uuid null, "integration_name" varchar(100) null, "recorded_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "invoice_payment_invoice_id_paid_on_index" on "invoice_payment" ("invoice_id", "paid_on");`);
    this.addSql(`alter table "invoice_payment" add constraint "invoice_payment_invoice_id_document_number_unique" unique ("invoice_id", "document_number");`);

    this.addSql(`alter table "invoice" add constraint "invoice_client_id_foreign" foreign key ("client_id") references "client" ("id");`);
    this.addSql(`alter table "invoice" add constraint "invoice_deal_id_foreign" foreign key ("deal_id") references "deal" ("id") on delete set null;`);
    this.addSql(`alter table "invoice" add constraint "invoice_cancelled_by_id_foreign" foreign key ("cancelled_by_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "invoice" add constraint "invoice_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id");`);
    this.addSql(`alter table "invoice" add constraint "invoice_updated_by_id_foreign" foreign key ("updated_by_id") references "employee" ("id");`);
    this.addSql(`alter table "invoice" add constraint "invoice_state_check" check ("state" in ('draft', 'issued', 'cancelled'));`);

    this.addSql(`alter table "planned_payment" add constraint "planned_payment_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on delete cascade;`);

    this.addSql(`alter table "invoice_payment" add constraint "invoice_payment_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on delete cascade;`);
    this.addSql(`alter table "invoice_payment" add constraint "invoice_payment_recorded_by_id_foreign" foreign key ("recorded_by_id") references "employee" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "planned_payment" drop constraint "planned_payment_invoice_id_foreign";`);
    this.addSql(`alter table "invoice_payment" drop constraint "invoice_payment_invoice_id_foreign";`);

    this.addSql(`drop table if exists "invoice" cascade;`);
    this.addSql(`drop table if exists "planned_payment" cascade;`);
    this.addSql(`drop table if exists "invoice_payment" cascade;`);
  }

}
