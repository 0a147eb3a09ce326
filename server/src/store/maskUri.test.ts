import { describe, expect, it } from 'vitest';
import { maskUri, redactUriSecret } from './maskUri.js';

describe('maskUri', () => {
  it('replaces the password and keeps user, hosts and options', () => {
    expect(maskUri('mongodb://app:s3cret@db1:27017,db2:27017/ideasphere?replicaSet=rs0')).toBe(
      'mongodb://app:***@db1:27017,db2:27017/ideasphere?replicaSet=rs0',
    );
    expect(maskUri('mongodb+srv://app:p%40ss@cluster0.example.net/x')).toBe('mongodb+srv://app:***@cluster0.example.net/x');
  });

  it('leaves a URI without credentials or password as it is', () => {
    expect(maskUri('mongodb://localhost:27017/ideasphere')).toBe('mongodb://localhost:27017/ideasphere');
    expect(maskUri('mongodb://app@localhost/x')).toBe('mongodb://app@localhost/x');
  });
});

describe('redactUriSecret', () => {
  it('removes the raw and the decoded password from a message', () => {
    const uri = 'mongodb://app:p%40ss@db/x';
    expect(redactUriSecret('bad auth p%40ss and p@ss', uri)).toBe('bad auth *** and ***');
  });

  it('returns the message unchanged when the URI has no password', () => {
    expect(redactUriSecret('connection refused', 'mongodb://db/x')).toBe('connection refused');
  });
});
