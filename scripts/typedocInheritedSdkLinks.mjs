// TypeDoc plugin: members that come from agora-rtc-sdk-ng's own declarations (the fake
// client's `Pick<IAgoraRTCClient, ...>`) inherit the SDK's comments, and some of those
// link to SDK members that don't exist (`{@link startLiveStreaming}`) or that TypeDoc can
// only rewrite to a nearby page (the SDK's `IAgoraRTCClient.event_user_joined`). Those
// links are the SDK's, not ours: keep the ones that became a URL into Agora's reference
// (`externalSymbolLinkMappings`) and turn the rest into code spans, so that TypeDoc's link
// validation keeps guarding the links written in this repository.
import { Converter } from "typedoc";

/** @param {import("typedoc").Reflection} reflection */
function declaredInNodeModules(reflection) {
  // The comment knows its file even with `disableSources` (no source locations recorded).
  if (reflection.comment?.sourcePath) return reflection.comment.sourcePath.includes("/node_modules/");
  for (let current = reflection; current; current = current.parent) {
    const file = current.sources?.[0]?.fullFileName;
    if (file) return file.includes("/node_modules/");
  }
  return false;
}

/** @param {import("typedoc").CommentDisplayPart[]} parts */
function unlinkBroken(parts) {
  for (const [index, part] of parts.entries()) {
    if (part.kind === "inline-tag" && part.tag.startsWith("@link") && typeof part.target !== "string") {
      parts[index] = { kind: "code", text: `\`${part.text.trim()}\`` };
    }
  }
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    (context) => {
      for (const reflection of Object.values(context.project.reflections)) {
        const comment = reflection.comment;
        if (!comment || !declaredInNodeModules(reflection)) continue;
        unlinkBroken(comment.summary);
        for (const tag of comment.blockTags) unlinkBroken(tag.content);
      }
    },
    // After TypeDoc's LinkResolverPlugin (-300) has resolved what it can.
    -400,
  );
}
