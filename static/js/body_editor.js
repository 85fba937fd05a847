// The article body's editor in the admin: django-prose-editor's ProseMirror build, loaded by a
// relative import (no import map: that would be an inline script, which our CSP refuses).
// The textarea's data-body-editor attribute lists the extensions the server allows.
import * as prose from "../django_prose_editor/editor.js";

const ATTRIBUTE = "data-body-editor";

function extensions(config) {
  const chosen = [];
  for (const [name, options] of Object.entries(config.extensions || {})) {
    const extension = prose[name];
    if (extension) {
      chosen.push(typeof options === "object" ? extension.configure(options) : extension);
    }
  }
  return chosen;
}

function create(textarea) {
  if (textarea.closest(".prose-editor")) {
    return null;
  }
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE) || "{}");
  return prose.createTextareaEditor(textarea, extensions(config));
}

prose.initializeEditors(create, `[${ATTRIBUTE}]`);
