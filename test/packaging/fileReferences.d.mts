export declare const FORBIDDEN: readonly { pattern: RegExp; message: string }[];
export declare function brokenReferences(input: {
  text: string;
  name: string;
  markdown: boolean;
  relativeBases: string[];
  rootBases: string[];
}): string[];
export declare function anchorsOf(markdownText: string): Set<string>;
export declare function isCheckedTextFile(file: string): boolean;
