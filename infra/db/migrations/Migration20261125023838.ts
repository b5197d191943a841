import { Migration } from '@mikro-orm/migrations';

export class Migration20261125023838 extends Migration {

  override name = 'Migration20261125023838';

  override up(): void | Promise<void> {
    this.addSql(`alter table "client" add "marketing_consent" boolean not null default true;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "client" drop column "marketing_consent";`);
  }

}
