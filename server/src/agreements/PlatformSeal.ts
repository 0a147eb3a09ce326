import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';

/** Where the seal comes from: given (SEAL_P12_PATH + SEAL_P12_PASSPHRASE), kept in the data dir, or (tests) made in memory. */
export type SealSource = { kind: 'p12'; path: string; passphrase: string } | { kind: 'dir'; dir: string } | { kind: 'ephemeral' };

export const SEAL_COMMON_NAME = 'IdeaSphere platform seal';
const SEAL_KEY_BITS = 3072;
const SEAL_VALID_YEARS = 10;
const P12_FILE = 'seal.p12';
const PASSPHRASE_FILE = 'seal.passphrase';

/**
 * The platform's signing certificate and key, which seal every completed agreement. Made at
 * first start as a self-signed RSA certificate (so a PDF reader shows it as "issuer unknown":
 * expected, see docs/agreements.md) and kept as PKCS#12 with a generated passphrase, both
 * files readable only by the server's user; or given by configuration.
 */
/** How long a process waits for another one's seal being written beside it, and how often it looks. */
const SEAL_WRITE_WAIT_MS = 10_000;
const SEAL_WRITE_POLL_MS = 100;

export class PlatformSeal {
  private constructor(
    readonly p12: Buffer,
    readonly passphrase: string,
    readonly certificate: forge.pki.Certificate,
  ) {}

  /** SHA-256 (hex) of the certificate's DER: how a verification recognises our seal. */
  get fingerprint(): string {
    return certificateFingerprint(this.certificate);
  }

  get subject(): string {
    return this.certificate.subject.attributes.map((a) => `${a.shortName ?? a.name ?? ''}=${String(a.value)}`).join(', ');
  }

  static async load(source: SealSource): Promise<PlatformSeal> {
    switch (source.kind) {
      case 'p12':
        return PlatformSeal.fromP12(await readFile(source.path), source.passphrase, source.path);
      case 'ephemeral':
        return PlatformSeal.generate().seal;
      case 'dir':
        return PlatformSeal.fromDir(source.dir);
    }
  }

  private static async fromDir(dir: string): Promise<PlatformSeal> {
    const p12Path = path.join(dir, P12_FILE);
    const passphrasePath = path.join(dir, PASSPHRASE_FILE);
    try {
      return PlatformSeal.fromP12(await readFile(p12Path), (await readFile(passphrasePath, 'utf8')).trim(), p12Path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const { seal } = PlatformSeal.generate();
    // 'wx': a second process starting at the same moment (WORKERS) does not overwrite the first
    // one's seal: it waits for the first to finish writing and uses that one.
    try {
      await writeFile(passphrasePath, `${seal.passphrase}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return PlatformSeal.written(p12Path, passphrasePath);
    }
    await writeFile(p12Path, seal.p12, { mode: 0o600, flag: 'wx' });
    await chmod(passphrasePath, 0o600);
    await chmod(p12Path, 0o600);
    return seal;
  }

  /** The seal another process is writing in the same directory, once both files are there. */
  private static async written(p12Path: string, passphrasePath: string): Promise<PlatformSeal> {
    for (let waited = 0; ; waited += SEAL_WRITE_POLL_MS) {
      try {
        return PlatformSeal.fromP12(await readFile(p12Path), (await readFile(passphrasePath, 'utf8')).trim(), p12Path);
      } catch (error) {
        if (waited >= SEAL_WRITE_WAIT_MS) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, SEAL_WRITE_POLL_MS));
    }
  }

  private static fromP12(bytes: Buffer, passphrase: string, where: string): PlatformSeal {
    try {
      const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), passphrase);
      const certificate = p12.getBags({ bagType: forge.pki.oids['certBag'] ?? '' })[forge.pki.oids['certBag'] ?? '']?.[0]?.cert;
      const keyBags = p12.getBags({ bagType: forge.pki.oids['pkcs8ShroudedKeyBag'] ?? '' })[forge.pki.oids['pkcs8ShroudedKeyBag'] ?? ''] ?? [];
      if (certificate === undefined || keyBags.length === 0) throw new Error('it holds no certificate and key');
      return new PlatformSeal(bytes, passphrase, certificate);
    } catch (error) {
      throw new Error(`The seal certificate ${where} cannot be read (${error instanceof Error ? error.message : String(error)}); check SEAL_P12_PATH and SEAL_P12_PASSPHRASE.`);
    }
  }

  /** A new self-signed seal; the key comes from Node's native generator (fast), forge builds the X.509 and PKCS#12. */
  static generate(): { seal: PlatformSeal } {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: SEAL_KEY_BITS });
    const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
    // A positive serial: the first byte's high bit clear.
    cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
    const now = new Date();
    cert.validity.notBefore = new Date(now.getTime() - 60_000);
    cert.validity.notAfter = new Date(now.getTime());
    cert.validity.notAfter.setUTCFullYear(now.getUTCFullYear() + SEAL_VALID_YEARS);
    const subject = [
      { name: 'commonName', value: SEAL_COMMON_NAME },
      { name: 'organizationName', value: 'IdeaSphere' },
      { shortName: 'OU', value: 'Electronic agreements' },
    ];
    cert.setSubject(subject);
    cert.setIssuer(subject);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    cert.sign(key, forge.md.sha256.create());
    const passphrase = randomBytes(24).toString('base64url');
    const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: '3des', friendlyName: SEAL_COMMON_NAME });
    return { seal: new PlatformSeal(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), passphrase, cert) };
  }
}

export function certificateFingerprint(certificate: forge.pki.Certificate): string {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes();
  return createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex');
}
