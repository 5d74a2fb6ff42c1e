// oidc-provider's own CIMD resolver (used to resolve loopback http:// client IDs in development
// and tests with exactly the same fetch, cache, SSRF guard and validation as https ones).
declare module "oidc-provider/lib/helpers/client_id_metadata_document.js" {
  import type Provider from "oidc-provider";
  export function resolveClientByMetadataDocument(provider: Provider, id: string): Promise<InstanceType<Provider["Client"]>>;
}
