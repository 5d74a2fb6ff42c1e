// Prisma 7 configuration. The provider is chosen from DATABASE_URL (postgres:// or
// postgresql:// → PostgreSQL, anything else → SQLite); see lib/db/provider.ts for the runtime twin.
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./data/spectral.db";
const provider = /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";

export default defineConfig({
  schema: `prisma/${provider}`,
  migrations: { path: `prisma/${provider}/migrations` },
  datasource: { url },
});
