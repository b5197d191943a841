import { Migration } from '@mikro-orm/migrations';

export class Migration20261124172409 extends Migration {

  override name = 'Migration20261124172409';

  override up(): void | Promise<void> {
    this.addSql(`create table "installation_order" ("id" uuid not null, "client_id" uuid not null, "deal_id" uuid null, "contract_number" varchar(100) not null, "install_by" date not null, "site_address" varchar(500) not null, "lines" jsonb not null, "status" text not null default 'new', "missing" text null, "return_deadline" date null, "scheduled_date" date null, "engineer_id" uuid null, "act_number" varchar(100) null, "act_date" date null, "done_by_id" uuid null, "cancel_reason" text null, "notes" text null, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_by_id" uuid null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "installation_order_client_id_index" on "installation_order" ("client_id");`);
    this.addSql(`create index "installation_order_deal_id_index" on "installation_order" ("deal_id");`);
    this.addSql(`create index "installation_order_status_install_by_index" on "installation_order" ("status", "install_by");`);
    this.addSql(`create index "installation_order_engineer_id_scheduled_date_index" on "installation_order" ("engineer_id", "scheduled_date");`);
    this.addSql(`create index "installation_order_updated_at_id_index" on "installation_order" ("updated_at", "id");`);

    this.addSql(`create table "installation_status_change" ("id" uuid not null, "order_id" uuid not null, "move" text not null, "from_status" text null, "to_status" text not null, "by_id" uuid null, "case_id" uuid null, "comment" text null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "installation_status_change_order_id_at_index" on "installation_status_change" ("order_id", "at");`);

    this.addSql(`create table "equipment" ("id" uuid not null, "model" varchar(200) not null, "serial_number" varchar(100) not null, "client_id" uuid not null, "site_address" varchar(500) not null, "contract_number" varchar(100) null, "contract_from" date null, "contract_to" date null, "installed_on" date null, "installation_id" uuid null, "removed_on" date null, "notes" text null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_by_id" uuid null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "equipment_client_id_index" on "equipment" ("client_id");`);
    this.addSql(`create index "equipment_installation_id_index" on "equipment" ("installation_id");`);
    this.addSql(`create index "equipment_contract_to_index" on "equipment" ("contract_to");`);
    this.addSql(`create index "equipment_updated_at_id_index" on "equipment" ("updated_at", "id");`);
    this.addSql(`alter table "equipment" add constraint "equipment_model_serial_number_unique" unique ("model", "serial_number");`);

    this.addSql(`create table "phone_consultation" ("id" uuid not null, "client_id" uuid not null, "equipment_id" uuid null, "question" text not null, "answer" text null, "by_id" uuid not null, "at" timestamptz not null, "duration_minutes" smallint not null, "created_at" timestamptz not null, "updated_by_id" uuid not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "phone_consultation_client_id_index" on "phone_consultation" ("client_id");`);
    this.addSql(`create index "phone_consultation_equipment_id_index" on "phone_consultation" ("equipment_id");`);
    this.addSql(`create index "phone_consultation_at_id_index" on "phone_consultation" ("at", "id");`);

    this.addSql(`create table "service_visit" ("id" uuid not null, "equipment_id" uuid not null, "planned_date" date not null, "engineer_id" uuid not null, "kind" text not null, "result" text null, "done_at" timestamptz null, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_by_id" uuid not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "service_visit_equipment_id_index" on "service_visit" ("equipment_id");`);
    this.addSql(`create index "service_visit_engineer_id_planned_date_index" on "service_visit" ("engineer_id", "planned_date");`);
    this.addSql(`create index "service_visit_planned_date_id_index" on "service_visit" ("planned_date", "id");`);

    this.addSql(`alter table "installation_order" add constraint "installation_order_client_id_foreign" foreign key ("client_id") references "client" ("id");`);
    this.addSql(`alter table "installation_order" add constraint "installation_order_deal_id_foreign" foreign key ("deal_id") references "deal" ("id") on delete set null;`);
    this.addSql(`alter table "installation_order" add constraint "installation_order_engineer_id_foreign" foreign key ("engineer_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "installation_order" add constraint "installation_order_done_by_id_foreign" foreign key ("done_by_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "installation_order" add constraint "installation_order_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id");`);
    this.addSql(`alter table "installation_order" add constraint "installation_order_updated_by_id_foreign" foreign key ("updated_by_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "installation_order" add constraint "installation_order_status_check" check ("status" in ('new', 'returned', 'accepted', 'scheduled', 'done', 'cancelled'));`);

    this.addSql(`alter table "installation_status_change" add constraint "installation_status_change_order_id_foreign" foreign key ("order_id") references "installation_order" ("id") on delete cascade;`);
    this.addSql(`alter table "installation_status_change" add constraint "installation_status_change_by_id_foreign" foreign key ("by_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "installation_status_change" add constraint "installation_status_change_move_check" check ("move" in ('create', 'accept', 'return', 'resubmit', 'schedule', 'complete', 'cancel'));`);
    this.addSql(`alter table "installation_status_change" add constraint "installation_status_change_from_status_check" check ("from_status" in ('new', 'returned', 'accepted', 'scheduled', 'done', 'cancelled'));`);
    this.addSql(`alter table "installation_status_change" add constraint "installation_status_change_to_status_check" check ("to_status" in ('new', 'returned', 'accepted', 'scheduled', 'done', 'cancelled'));`);

    this.addSql(`alter table "equipment" add constraint "equipment_client_id_foreign" foreign key ("client_id") references "client" ("id");`);
    this.addSql(`alter table "equipment" add constraint "equipment_installation_id_foreign" foreign key ("installation_id") references "installation_order" ("id") on delete set null;`);
    this.addSql(`alter table "equipment" add constraint "equipment_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "equipment" add constraint "equipment_updated_by_id_foreign" foreign key ("updated_by_id") references "employee" ("id") on delete set null;`);

    this.addSql(`alter table "phone_consultation" add constraint "phone_consultation_client_id_foreign" foreign key ("client_id") references "client" ("id");`);
    this.addSql(`alter table "phone_consultation" add constraint "phone_consultation_equipment_id_foreign" foreign key ("equipment_id") references "equipment" ("id") on delete set null;`);
    this.addSql(`alter table "phone_consultation" add constraint "phone_consultation_by_id_foreign" foreign key ("by_id") references "employee" ("id");`);
    this.addSql(`alter table "phone_consultation" add constraint "phone_consultation_updated_by_id_foreign" foreign key ("updated_by_id") references "employee" ("id");`);

    this.addSql(`alter table "service_visit" add constraint "service_visit_equipment_id_foreign" foreign key ("equipment_id") references "equipment" ("id") on delete cascade;`);
    this.addSql(`alter table "service_visit" add constraint "service_visit_engineer_id_foreign" foreign key ("engineer_id") references "employee" ("id");`);
    this.addSql(`alter table "service_visit" add constraint "service_visit_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id");`);
    this.addSql(`alter table "service_visit" add constraint "service_visit_updated_by_id_foreign" foreign key ("updated_by_id") references "employee" ("id");`);
    this.addSql(`alter table "service_visit" add constraint "service_visit_kind_check" check ("kind" in ('maintenance', 'repair', 'diagnostics'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "installation_status_change" drop constraint "installation_status_change_order_id_foreign";`);
    this.addSql(`alter table "equipment" drop constraint "equipment_installation_id_foreign";`);
    this.addSql(`alter table "phone_consultation" drop constraint "phone_consultation_equipment_id_foreign";`);
    this.addSql(`alter table "service_visit" drop constraint "service_visit_equipment_id_foreign";`);

    this.addSql(`drop table if exists "installation_order" cascade;`);
    this.addSql(`drop table if exists "installation_status_change" cascade;`);
    this.addSql(`drop table if exists "equipment" cascade;`);
    this.addSql(`drop table if exists "phone_consultation" cascade;`);
    this.addSql(`drop table if exists "service_visit" cascade;`);
  }

}
