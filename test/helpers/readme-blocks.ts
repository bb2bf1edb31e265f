// The README's code blocks in TypeScript and JavaScript, each with the file name it is written to: the name its
// first line gives (`// finish-owners.ts`), so that one example can import another, or example-<n>.ts.
export interface ReadmeBlock {
  file: string;
  code: string;
}

export function readmeBlocks(readme: string): ReadmeBlock[] {
  return [...readme.matchAll(/```(ts|js)\n([\s\S]*?)```/g)].map(([, language, code], index) => {
    const named = /^\/\/ ([\w.-]+\.(?:ts|mts|cts|js|mjs|cjs))\n/.exec(code!)?.[1];
    if (!named && language === "js") throw new Error(`README block ${index + 1} (js) needs a "// <file>" first line`);
    return { file: named ?? `example-${index + 1}.ts`, code: code! };
  });
}
