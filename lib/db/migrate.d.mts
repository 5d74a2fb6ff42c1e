export function providerOf(url: string): "sqlite" | "postgres";
export function sqliteFilePath(url: string): string;
export function deployMigrations(url: string): Promise<string[]>;
export function createMigration(provider: "sqlite" | "postgres", name: string, scratchUrl: string): Promise<string | null>;
