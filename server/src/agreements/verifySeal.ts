import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { AGREEMENT_ID_INFO_KEY } from './sealDocument.js';
import { certificateFingerprint } from './PlatformSeal.js';

/** What the bytes of a PDF say about our seal, before the store is asked. */
export interface SealInspection {
  sha256: string;
  /** The agreement id in the Info dictionary, if it is still readable. */
  agreementId: string | null;
  /**
   * `none`: no signature we can read; `ours`: signed with our seal and the signed bytes match;
   * `digest_mismatch`: our seal, but the signed bytes changed; `not_ours`: someone else's
   * signature, or one that does not verify.
   */
  seal: 'none' | 'ours' | 'digest_mismatch' | 'not_ours';
}

/** The CMS parts forge captures but does not type. */
interface CapturedSignedData {
  rawCapture: { authenticatedAttributes?: forge.asn1.Asn1[]; signature?: string };
  certificates: forge.pki.Certificate[];
}

/**
 * Reads the last signature dictionary's /ByteRange and /Contents, hashes the signed ranges and
 * checks them against the CMS: the certificate must be our seal's, its signature over the
 * signed attributes must verify, and their messageDigest must equal the ranges' SHA-256.
 */
export function inspectSeal(pdf: Buffer, sealFingerprint: string): SealInspection {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const latin = pdf.toString('latin1');
  const idMatch = new RegExp(`/${AGREEMENT_ID_INFO_KEY}\\s*\\(([A-Za-z0-9_-]{8,64})\\)`).exec(latin);
  const agreementId = idMatch?.[1] ?? null;
  const ranges = [...latin.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].pop();
  if (ranges === undefined) return { sha256, agreementId, seal: 'none' };
  const [a, b, c, d] = ranges.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || b < 2 || c < a + b || c + d > pdf.length) return { sha256, agreementId, seal: 'not_ours' };
  const contentsHex = latin.slice(b + 1, c - 1).replace(/[^0-9A-Fa-f]/g, '');
  try {
    const der = Buffer.from(contentsHex, 'hex').toString('binary');
    const message = forge.pkcs7.messageFromAsn1(fromDerPadded(der)) as unknown as CapturedSignedData;
    const certificate = message.certificates[0];
    const attributes = message.rawCapture.authenticatedAttributes;
    const signature = message.rawCapture.signature;
    if (certificate === undefined || attributes === undefined || signature === undefined) return { sha256, agreementId, seal: 'not_ours' };
    if (certificateFingerprint(certificate) !== sealFingerprint) return { sha256, agreementId, seal: 'not_ours' };
    const signedAttributes = forge.asn1.toDer(forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attributes)).getBytes();
    const attributesDigest = forge.md.sha256.create().update(signedAttributes).digest().getBytes();
    if (!(certificate.publicKey as forge.pki.rsa.PublicKey).verify(attributesDigest, signature)) return { sha256, agreementId, seal: 'not_ours' };
    const signedDigest = messageDigestOf(attributes);
    const rangesDigest = createHash('sha256').update(pdf.subarray(a, a + b)).update(pdf.subarray(c, c + d)).digest('binary');
    return { sha256, agreementId, seal: signedDigest === rangesDigest ? 'ours' : 'digest_mismatch' };
  } catch {
    return { sha256, agreementId, seal: 'not_ours' };
  }
}

/** The messageDigest signed attribute's octets. */
function messageDigestOf(attributes: forge.asn1.Asn1[]): string | null {
  const oid = forge.pki.oids['messageDigest'];
  for (const attribute of attributes) {
    const [type, values] = attribute.value as forge.asn1.Asn1[];
    if (type === undefined || values === undefined) continue;
    if (forge.asn1.derToOid(type.value as string) !== oid) continue;
    const value = (values.value as forge.asn1.Asn1[])[0];
    return typeof value?.value === 'string' ? value.value : null;
  }
  return null;
}

/** forge 1.x takes options here (its typings still say a boolean): the placeholder pads the CMS with zeros. */
const fromDerPadded = (der: string): forge.asn1.Asn1 =>
  (forge.asn1.fromDer as unknown as (bytes: string, options: { parseAllBytes: boolean }) => forge.asn1.Asn1)(der, { parseAllBytes: false });
