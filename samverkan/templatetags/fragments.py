"""{% fragment key %}…{% endfragment %}: a page fragment cached under a `samverkan.fragments`
key built by the view (no key: the body is rendered as it is)."""

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

from samverkan.fragments import CSRF_PLACEHOLDER, cached_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, key: template.base.FilterExpression, nodelist: template.NodeList) -> None:
        self.key = key
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        key = self.key.resolve(context)
        token = context.get("csrf_token")

        def body() -> str:
            # Forms in the body get the placeholder; every response puts its own token there.
            if token is None:  # rendered outside a request: no forms to protect
                return self.nodelist.render(context)
            with context.push(csrf_token=CSRF_PLACEHOLDER):
                return self.nodelist.render(context)

        # The body is HTML rendered (and escaped) by the template engine itself.
        return mark_safe(cached_fragment(key or None, body, lambda: str(token)))  # noqa: S308


@register.tag("fragment")
def do_fragment(parser: Parser, token: Token) -> FragmentNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% fragment key %} takes exactly one argument.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), nodelist)
