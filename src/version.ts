/** This package's version, for the User-Agent. A test keeps it equal to package.json's (no JSON import: it would
 * bundle the whole package.json into the client). */
export const CLIENT_VERSION = "0.1.0";
