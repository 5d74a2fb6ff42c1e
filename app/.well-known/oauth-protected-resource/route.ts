// GET /.well-known/oauth-protected-resource – RFC 9728 metadata (root form, for clients that try it).
import { metadataPreflight, protectedResourceResponse } from "@/lib/oauth/metadata";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = () => protectedResourceResponse();
export const OPTIONS = () => metadataPreflight();
