import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({}, '/opt/client');
    expect(config).toMatchObject({ port: 3000, publicUrl: null, mongodbUri: null, adminToken: null, signup: 'open', clientDist: '/opt/client' });
    expect(config.dataDir).toBe(path.resolve('./data'));
  });

  it('treats empty variables as unset and trims the public URL', () => {
    const config = loadConfig({ MONGODB_URI: '', ADMIN_TOKEN: '', PUBLIC_URL: 'https://ideas.example.com/' }, '/c');
    expect(config.mongodbUri).toBeNull();
    expect(config.adminToken).toBeNull();
    expect(config.publicUrl).toBe('https://ideas.example.com');
  });

  it('takes SIGNUP=invite and refuses a value it does not know', () => {
    expect(loadConfig({ SIGNUP: 'invite' }, '/c').signup).toBe('invite');
    expect(() => loadConfig({ SIGNUP: 'anyone' }, '/c')).toThrow(/SIGNUP/);
  });

  it('lists every problem at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', PUBLIC_URL: 'not a url', ADMIN_TOKEN: 'short' }, '/c')).toThrow(
      /PORT.*PUBLIC_URL.*ADMIN_TOKEN/s,
    );
  });
});
