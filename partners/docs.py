"""A human docs page for the partner API, rendered on the server from the OpenAPI schema.

Swagger UI and Redoc load their scripts from a CDN, which the site's content policy forbids;
this page needs no JavaScript and always matches /api/schema/.
"""

from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get",)


def _resolve(schema: dict, node: dict) -> dict:
    ref = node.get("$ref")
    if not ref:
        return node
    name = ref.rsplit("/", 1)[-1]
    return schema["components"]["schemas"].get(name, {})


def _fields(schema: dict, component: dict) -> list[dict]:
    component = _resolve(schema, component)
    required = set(component.get("required", ()))
    rows = []
    for name, prop in component.get("properties", {}).items():
        target = _resolve(schema, prop)
        kind = prop.get("type") or target.get("type") or "object"
        if kind == "array":
            items = _resolve(schema, prop.get("items", {}))
            kind = f"array of {items.get('type', 'object')}"
        rows.append(
            {
                "name": name,
                "type": kind,
                "required": name in required,
                "description": prop.get("description", "") or target.get("description", ""),
            }
        )
    return rows


def describe(schema: dict) -> list[dict]:
    """The schema's operations flattened for the template."""
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            responses = []
            for status, response in op.get("responses", {}).items():
                content = response.get("content", {}).get("application/json", {})
                responses.append(
                    {
                        "status": status,
                        "description": response.get("description", ""),
                        "fields": _fields(schema, content.get("schema", {})) if content else [],
                        "headers": list(response.get("headers", {})),
                    }
                )
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": op.get("operationId", ""),
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": p.get("schema", {}).get("type", ""),
                            "enum": p.get("schema", {}).get("enum", []),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "responses": responses,
                }
            )
    return operations


class ApiDocsView(TemplateView):
    template_name = "partners/api_docs.html"

    def get_context_data(self, **kwargs):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        return super().get_context_data(info=schema["info"], operations=describe(schema), **kwargs)
