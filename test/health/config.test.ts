import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.ts';

const valid = { DISCORD_TOKEN: 'MTIz.abc.def', DISCORD_CLIENT_ID: '123456789012345678' };

describe('hosting settings in parseConfig', () => {
  it('leaves the health endpoint off and /library to Manage Server by default', () => {
    const config = parseConfig(valid);
    expect(config.healthPort).toBeUndefined();
    expect(config.libraryRoleId).toBeUndefined();
  });

  it('reads HEALTH_PORT, HEALTH_HOST and LIBRARY_ROLE_ID', () => {
    expect(parseConfig({ ...valid, HEALTH_PORT: '9464', HEALTH_HOST: '0.0.0.0', LIBRARY_ROLE_ID: '876543210987654321' })).toMatchObject({
      healthPort: 9464,
      healthHost: '0.0.0.0',
      libraryRoleId: '876543210987654321',
    });
  });

  it.each([
    ['HEALTH_PORT', 'http', /HEALTH_PORT must be a port number/],
    ['HEALTH_PORT', '70000', /HEALTH_PORT must be a port number/],
    ['HEALTH_PORT', '0', /HEALTH_PORT must be a port number/],
    ['HEALTH_HOST', 'http://x/', /HEALTH_HOST must be an address/],
    ['LIBRARY_ROLE_ID', '@Staff', /LIBRARY_ROLE_ID must be a numeric role id/],
  ])('%s=%s is refused with a clear line', (name, value, message) => {
    expect(() => parseConfig({ ...valid, [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ ...valid, [name]: value })).toThrow(message);
  });
});
