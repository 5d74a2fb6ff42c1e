// GET /.well-known/oauth-authorization-server – RFC 8414 metadata (see lib/oauth/metadata.ts).
import { authorizationServerMetadata, metadataPreflight } from "@/lib/oauth/metadata";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = () => authorizationServerMetadata("oauth");
export const OPTIONS = () => metadataPreflight();
