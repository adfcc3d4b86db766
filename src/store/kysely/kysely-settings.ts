import type { SettingsPort } from '../store-ports.js';
import type { KyselyContext } from './kysely-context.js';

/** Settings in the node_settings table. */
export class KyselySettings implements SettingsPort {
  constructor(private readonly ctx: KyselyContext) {}

  getSetting(key: string): Promise<string | undefined> {
    return this.ctx.run(async () => (await this.ctx.db.selectFrom('node_settings').select('value').where('key', '=', key).executeTakeFirst())?.value);
  }

  setSetting(key: string, value: string): Promise<void> {
    return this.ctx.run(async () => {
      await this.ctx.db.insertInto('node_settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    });
  }

  initSetting(key: string, value: string): Promise<string> {
    return this.ctx.tx(async (trx) => {
      await trx.insertInto('node_settings').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
      return (await trx.selectFrom('node_settings').select('value').where('key', '=', key).executeTakeFirstOrThrow()).value;
    });
  }
}
