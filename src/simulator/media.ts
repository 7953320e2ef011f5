/** Atlas's versioned media types and Accept negotiation. */
import { notAcceptable } from './errors.ts';

export const V2023_01_01 = 'application/vnd.atlas.2023-01-01+json';
export const V2024_05_30 = 'application/vnd.atlas.2024-05-30+json';
export const V2024_08_05 = 'application/vnd.atlas.2024-08-05+json';
export const V2024_11_13 = 'application/vnd.atlas.2024-11-13+json';
export const V2025_03_12 = 'application/vnd.atlas.2025-03-12+json';
export const PREVIEW = 'application/vnd.atlas.preview+json';

/** Headers a deprecated version adds to its answers (HTTP dates). */
export interface DeprecationNotice {
  deprecation: string;
  sunset: string;
}

/**
 * Export buckets' 2023-01-01 shapes sunset on 2027-07-01 (contract); first releases stay 24 months
 * after deprecation (docs), so that version was deprecated on 2025-07-01.
 */
export const EXPORT_BUCKETS_2023_NOTICE: DeprecationNotice = {
  deprecation: new Date(Date.UTC(2025, 6, 1)).toUTCString(),
  sunset: new Date(Date.UTC(2027, 6, 1)).toUTCString(),
};

/** The 2023-01-01 backup schedule shape sunsets on 2027-07-01 too (contract); same reasoning. */
export const BACKUP_SCHEDULE_2023_NOTICE = EXPORT_BUCKETS_2023_NOTICE;

/**
 * Serverless instances sunset on 2027-01-18 (contract); a first release stays 24 months after its
 * deprecation (docs), so they were deprecated on 2025-01-18.
 */
export const SERVERLESS_INSTANCES_NOTICE: DeprecationNotice = {
  deprecation: new Date(Date.UTC(2025, 0, 18)).toUTCString(),
  sunset: new Date(Date.UTC(2027, 0, 18)).toUTCString(),
};

/** The preview version of the rate-limit operations has an x-sunset of 2026-04-21 (contract). */
export const RATE_LIMITS_PREVIEW_NOTICE: DeprecationNotice = {
  deprecation: new Date(Date.UTC(2025, 3, 21)).toUTCString(),
  sunset: new Date(Date.UTC(2026, 3, 21)).toUTCString(),
};

function withoutParameters(mediaRange: string): string {
  return (mediaRange.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * Picks the version the client asked for. Every entry of Accept is compared exactly (parameters such
 * as `charset` or `q` aside): wildcards and unversioned JSON do not select a version, as in Atlas.
 */
export function negotiateMediaType(accept: string | undefined, offered: readonly string[]): string {
  for (const entry of (accept ?? '').split(',')) {
    const wanted = withoutParameters(entry);
    const match = offered.find((mediaType) => mediaType === wanted);
    if (match) return match;
  }
  throw notAcceptable();
}

/** A request body's Content-Type must name the negotiated version too. */
export function isSameMediaType(contentType: string | undefined, mediaType: string): boolean {
  return contentType !== undefined && withoutParameters(contentType) === mediaType;
}
