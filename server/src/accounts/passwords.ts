import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

/**
 * argon2id with OWASP's first recommended setting (Password Storage Cheat Sheet): 19 MiB of
 * memory, 2 passes, 1 lane. The parameters are stored in each hash (PHC string), so raising
 * them later leaves existing hashes verifiable.
 */
export const ARGON2_OPTIONS: Options = {
  // Argon2id; the package's enum is `const`, which isolated modules cannot import as a value.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * Hashes and checks passwords off the event loop: @node-rs/argon2 runs each on libuv's thread
 * pool, so a sign-in never stalls the sockets of a live event. `verifyUnknown` does the same
 * work against a hash of no real password, so an email with no account costs as long as a
 * wrong password.
 */
export class PasswordHasher {
  /** Made at once, so the first unknown email costs no more than the next. */
  private readonly dummyHash: Promise<string>;

  constructor(private readonly options: Options = ARGON2_OPTIONS) {
    this.dummyHash = hash('no account has this password', options);
    // Awaited where it is used; this only keeps an early failure from being unhandled.
    this.dummyHash.catch(() => undefined);
  }

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  /** False for a wrong password, and for a stored hash that cannot be read. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** As long as {@link verify}, and always false. */
  async verifyUnknown(password: string): Promise<false> {
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
