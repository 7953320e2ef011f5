/** The dated media types the contract lists; Atlas answers 406 to any other. */
export const ATLAS_2023_01_01 = 'application/vnd.atlas.2023-01-01+json';
export const ATLAS_2024_05_30 = 'application/vnd.atlas.2024-05-30+json';
export const ATLAS_2024_11_13 = 'application/vnd.atlas.2024-11-13+json';
export const ATLAS_2024_08_05 = 'application/vnd.atlas.2024-08-05+json';
export const ATLAS_2025_03_12 = 'application/vnd.atlas.2025-03-12+json';
