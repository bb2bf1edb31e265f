export declare function lintSpecFile(root: string, specEntry: string): Promise<{ ok: boolean; report: string }>;
