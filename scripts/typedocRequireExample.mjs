// TypeDoc plugin: every top-level export must carry an `@example`. TypeDoc's own
// `validation.notDocumented` only asks for a comment; this makes a missing example a
// warning too, and `treatWarningsAsErrors` turns it into a failed `pnpm docs`.
import { Converter, ReflectionKind } from "typedoc";

const CHECKED =
  ReflectionKind.Class |
  ReflectionKind.Interface |
  ReflectionKind.TypeAlias |
  ReflectionKind.Function |
  ReflectionKind.Variable |
  ReflectionKind.Enum;

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    for (const reflection of context.project.getReflectionsByKind(CHECKED)) {
      if (!reflection.parent?.kindOf(ReflectionKind.Project | ReflectionKind.Module)) continue;
      const comments = [reflection.comment, ...(reflection.signatures ?? []).map((signature) => signature.comment)];
      if (!comments.some((comment) => comment?.getTag("@example"))) {
        app.logger.warn(`${reflection.getFriendlyFullName()} is exported without an @example in its TSDoc.`);
      }
    }
  });
}
