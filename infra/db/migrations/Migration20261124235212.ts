import { Migration } from '@mikro-orm/migrations';

export class Migration20261124235212 extends Migration {

  override name = 'Migration20261124235212';

  override up(): void | Promise<void> {
    this.addSql(`create table "report_settings" ("id" varchar(255) not null, "norms" jsonb not null, "commission" jsonb not null, "updated_at" timestamptz not null, "updated_by_id" uuid null, primary key ("id"));`);

    this.addSql(`create table "sales_plan" ("id" uuid not null, "employee_id" uuid not null, "month" varchar(7) not null, "amount" bigint not null, "updated_at" timestamptz not null, "updated_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "sales_plan_month_index" on "sales_plan" ("month");`);
    this.addSql(`alter table "sales_plan" add constraint "sales_plan_employee_id_month_unique" unique ("employee_id", "month");`);

    this.addSql(`create index "deal_closed_at_index" on "deal" ("closed_at");`);

    this.addSql(`create index "invoice_payment_paid_on_index" on "invoice_payment" ("paid_on");`);

    this.addSql(`create index "deal_stage_change_at_index" on "deal_stage_change" ("at");`);

    this.addSql(`alter table "report_settings" add constraint "report_settings_updated_by_id_foreign" foreign key ("updated_by_id") references "employee" ("id") on delete set null;`);

    this.addSql(`alter table "sales_plan" add constraint "sales_plan_employee_id_foreign" foreign key ("employee_id") references "employee" ("id") on delete cascade;`);
    this.addSql(`alter table "sales_plan" add constraint "sales_plan_updated_by_id_foreign" foreign key ("updated_by_id") references "employee" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "report_settings" cascade;`);
    this.addSql(`drop table if exists "sales_plan" cascade;`);

    this.addSql(`drop index "deal_closed_at_index";`);

    this.addSql(`drop index "deal_stage_change_at_index";`);

    this.addSql(`drop index "invoice_payment_paid_on_index";`);
  }

}
