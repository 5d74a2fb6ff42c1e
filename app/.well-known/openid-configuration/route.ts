// GET /.well-known/openid-configuration – OIDC discovery (clients that probe it; see lib/oauth/metadata.ts).
import { authorizationServerMetadata, metadataPreflight } from "@/lib/oauth/metadata";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = () => authorizationServerMetadata("openid");
export const OPTIONS = () => metadataPreflight();
