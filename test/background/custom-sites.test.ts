import browser from 'webextension-polyfill';
import { syncCustomSiteScripts } from '../../src/background/custom-sites';

describe('content script on sites the user added', () => {
  afterEach(() => vi.restoreAllMocks());

  it('registers the self-contained script for granted, valid patterns only', async () => {
    await browser.permissions.request({ origins: ['https://reports.example.com/*'] });
    const register = vi.spyOn(browser.scripting, 'registerContentScripts');
    const granted = await syncCustomSiteScripts([
      'https://reports.example.com/*',
      'https://not-granted.example.net/*',
      'http://insecure.example.com/*',
    ]);
    expect(granted).toEqual(['https://reports.example.com/*']);
    expect(register).toHaveBeenCalledTimes(1);
    const [scripts] = register.mock.calls[0] as [Array<{ matches: string[]; js: string[] }>];
    expect(scripts[0]?.matches).toEqual(['https://reports.example.com/*']);
    expect(scripts[0]?.js).toEqual(['content-standalone.js']);
  });

  it('unregisters the script when no granted site is left', async () => {
    await browser.permissions.remove({ origins: ['https://reports.example.com/*'] });
    vi.spyOn(browser.scripting, 'getRegisteredContentScripts').mockResolvedValue([{ id: 'sieve-custom-sites' }] as never);
    const unregister = vi.spyOn(browser.scripting, 'unregisterContentScripts');
    const register = vi.spyOn(browser.scripting, 'registerContentScripts');
    expect(await syncCustomSiteScripts(['https://reports.example.com/*'])).toEqual([]);
    expect(unregister).toHaveBeenCalledWith({ ids: ['sieve-custom-sites'] });
    expect(register).not.toHaveBeenCalled();
  });
});
