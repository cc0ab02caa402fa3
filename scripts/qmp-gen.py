#!/usr/bin/env python3
"""Makes QMP's C code from the schema (softmmu/qmp-schema.json).

    qmp-gen.py SCHEMA OUT.c OUT.h

OUT.h declares the enums (with their _str tables), one handler per command
for softmmu/qmp-commands.c to define, and one emitter per event.  OUT.c
has the argument types that softmmu/qmp.c checks a command's arguments
against, a marshaller per command (check, unpack into C values, call the
handler), the dispatch table that query-commands lists, and the
query-qmp-schema reply in qemu's introspection format (type names other
than the builtins replaced by numbers, as qemu does).
"""
import ast
import json
import re
import sys

BUILTINS = {
    # name: (C argument type, QmpKind, introspection name, json-type)
    'str': ('const char *', 'QMP_STR', 'str', 'string'),
    'int': ('int64_t', 'QMP_INT', 'int', 'int'),
    'uint64': ('uint64_t', 'QMP_UINT', 'int', 'int'),
    'size': ('uint64_t', 'QMP_UINT', 'int', 'int'),
    'bool': ('bool', 'QMP_BOOL', 'bool', 'boolean'),
    'number': ('double', 'QMP_NUMBER', 'number', 'number'),
    'any': ('JsonNode *', 'QMP_ANY', 'any', 'value'),
    'null': ('JsonNode *', 'QMP_NULL', 'null', 'null'),
}


def fail(msg):
    sys.exit('qmp-gen: ' + msg)


def read_schema(path):
    """The definitions, in order: Python literals with '#' comments."""
    text = ''.join(l for l in open(path) if not l.lstrip().startswith('#'))
    defs, depth, start = [], 0, None
    for i, c in enumerate(text):
        if c == '{':
            if depth == 0:
                start = i
            depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0:
                defs.append(ast.literal_eval(text[start:i + 1]))
    return defs


def c_name(name):
    return re.sub(r'[^A-Za-z0-9]', '_', name)


def upper_name(camel):
    """qemu's enum prefix: RunState -> RUN_STATE, QMPCapability -> QMP_CAPABILITY."""
    out = ''
    for i, ch in enumerate(camel):
        prev = camel[i - 1] if i else ''
        nxt = camel[i + 1] if i + 1 < len(camel) else ''
        if ch.isupper() and i and (prev.islower() or prev.isdigit() or
                                   (prev.isupper() and nxt.islower())):
            out += '_'
        out += ch.upper()
    return out


class Schema:
    def __init__(self, defs):
        self.enums, self.structs, self.unions = {}, {}, {}
        self.commands, self.events = [], []
        for d in defs:
            if 'enum' in d:
                self.enums[d['enum']] = d['data']
            elif 'struct' in d:
                self.structs[d['struct']] = d.get('data', {})
            elif 'union' in d:
                self.unions[d['union']] = d
            elif 'command' in d:
                self.commands.append(d)
            elif 'event' in d:
                self.events.append(d)
            else:
                fail('unknown definition %r' % d)
        for d in self.commands + self.events:
            self.check_members(d.get('data', {}), d.get('command') or d.get('event'))
        for name, members in self.structs.items():
            self.check_members(members, name)

    def check_type(self, t, where):
        if isinstance(t, list):
            return self.check_type(t[0], where)
        if t not in BUILTINS and t not in self.enums and t not in self.structs \
           and t not in self.unions:
            fail('%s: unknown type %r' % (where, t))

    def check_members(self, members, where):
        if isinstance(members, str):
            fail('%s: data must be a dict' % where)
        for m, t in members.items():
            self.check_type(t, where)

    @staticmethod
    def members(data):
        """(name, type, optional) for a 'data' dict."""
        return [(m.lstrip('*'), t, m.startswith('*')) for m, t in data.items()]


# ---- query-qmp-schema ----

class Introspection:
    def __init__(self, schema):
        self.s = schema
        self.names = {}         # schema type -> its introspection name
        self.entries = []
        self.empty = self.object_entry([])

    def number(self, key):
        if key not in self.names:
            self.names[key] = str(len([n for n in self.names.values() if n.isdigit()]))
        return self.names[key]

    def object_entry(self, members, tag=None, variants=None, key=None):
        name = self.number(key or ('implicit', len(self.entries)))
        entry = {'name': name, 'meta-type': 'object', 'members': []}
        self.entries.append(entry)
        for m, t, opt in members:
            e = {'name': m, 'type': self.type(t)}
            if opt:
                e['default'] = None
            entry['members'].append(e)
        if tag:
            entry['tag'] = tag
            entry['variants'] = variants()
        return name

    def args(self, data):
        members = Schema.members(data)
        return self.object_entry(members) if members else self.empty

    def type(self, t):
        if isinstance(t, list):
            key = ('array', json.dumps(t))
            if key not in self.names:
                elem = self.type(t[0])
                self.names[key] = '[%s]' % elem
                self.entries.append({'name': '[%s]' % elem, 'meta-type': 'array',
                                     'element-type': elem})
            return self.names[key]
        if t in BUILTINS:
            name = BUILTINS[t][2]
            if ('builtin', name) not in self.names:
                self.names[('builtin', name)] = name
                self.entries.append({'name': name, 'meta-type': 'builtin',
                                     'json-type': BUILTINS[t][3]})
            return name
        key = ('type', t)
        if key in self.names:
            return self.names[key]
        if t in self.s.enums:
            name = self.number(key)
            values = self.s.enums[t]
            self.entries.append({'name': name, 'meta-type': 'enum', 'values': values,
                                 'members': [{'name': v} for v in values]})
            return name
        if t in self.s.structs:
            return self.object_entry(Schema.members(self.s.structs[t]), key=key)
        u = self.s.unions[t]
        base = Schema.members(u['base'])
        tag_type = dict((m, ty) for m, ty, _ in base)[u['discriminator']]

        def variants():
            return [{'case': v, 'type': self.type(u['data'][v]) if v in u['data']
                     else self.empty} for v in self.s.enums[tag_type]]
        return self.object_entry(base, u['discriminator'], variants, key=key)

    def build(self):
        for c in self.s.commands:
            e = {'name': c['command'], 'meta-type': 'command',
                 'arg-type': self.args(c.get('data', {}))}
            e['ret-type'] = self.type(c['returns']) if 'returns' in c else self.empty
            self.entries.append(e)
        for ev in self.s.events:
            self.entries.append({'name': ev['event'], 'meta-type': 'event',
                                 'arg-type': self.args(ev.get('data', {}))})
        return self.entries


# ---- C ----

class CGen:
    def __init__(self, schema):
        self.s = schema
        self.types = {}         # schema type -> C expression of its QmpType
        self.defs = []          # QmpType definitions, dependencies first

    def qmp_type(self, t):
        """The C name of t's QmpType (for checking arguments)."""
        key = json.dumps(t)
        if key in self.types:
            return self.types[key]
        if isinstance(t, list):
            elem = self.qmp_type(t[0])
            name = 'type_array_%s' % c_name(t[0] if isinstance(t[0], str) else 'nested')
            self.types[key] = name
            self.defs.append('static const QmpType %s = { QMP_ARRAY, .name = "array", '
                             '.element = &%s };' % (name, elem))
            return name
        if t in BUILTINS:
            name = 'qmp_type_' + t
            self.types[key] = name
            return name
        name = 'type_' + c_name(t)
        self.types[key] = name
        if t in self.s.enums:
            self.defs.append('static const QmpType %s = { QMP_ENUM, .name = "%s", '
                             '.values = %s_str };' % (name, t, t))
        elif t in self.s.structs:
            self.defs.append(self.object_type(name, t, self.s.structs[t]))
        else:
            fail('a union (%s) as an argument is not supported yet' % t)
        return name

    def object_type(self, name, label, data):
        rows = ['    { "%s", &%s, %s },' % (m, self.qmp_type(t), 'true' if opt else 'false')
                for m, t, opt in Schema.members(data)]
        return ('static const QmpMember %s_members[] = {\n%s\n    { NULL },\n};\n'
                'static const QmpType %s = { QMP_OBJECT, .name = "%s", .members = %s_members };'
                % (name, '\n'.join(rows), name, label, name))

    @staticmethod
    def c_arg_type(schema, t):
        if isinstance(t, list):
            return 'JsonArray *'
        if t in BUILTINS:
            return BUILTINS[t][0]
        if t in schema.enums:
            return t + ' '
        return 'JsonObject *'

    def params(self, data):
        out = []
        for m, t, opt in Schema.members(data):
            if opt:
                out.append('bool has_' + c_name(m))
            ctype = self.c_arg_type(self.s, t)
            out.append(ctype + ('' if ctype.endswith(' ') or ctype.endswith('*') else ' ')
                       + c_name(m))
        return out

    def getter(self, m, t):
        """The C expression that reads member m of type t from args."""
        get = 'json_object_get_member(args, "%s")' % m
        if isinstance(t, list):
            return 'json_node_get_array(%s)' % get
        if t in ('str',):
            return 'json_node_get_string(%s)' % get
        if t in ('int',):
            return 'json_node_get_int(%s)' % get
        if t in ('uint64', 'size'):
            return '(uint64_t)json_node_get_int(%s)' % get
        if t == 'bool':
            return 'json_node_get_boolean(%s)' % get
        if t == 'number':
            return 'json_node_get_double(%s)' % get
        if t in ('any', 'null'):
            return get
        if t in self.s.enums:
            return '(%s)qmp_enum_index(%s_str, json_node_get_string(%s))' % (t, t, get)
        return 'json_node_get_object(%s)' % get

    def zero(self, t):
        ctype = self.c_arg_type(self.s, t)
        return 'NULL' if ctype.endswith('*') else '0'

    def command(self, c):
        name = c['command']
        cn = c_name(name)
        data = c.get('data', {})
        members = Schema.members(data)
        ret = 'JsonNode *' if 'returns' in c else 'bool '
        proto = '%sqmp_%s(%s)' % (ret, cn, ', '.join(['QmpSession *qs'] + self.params(data)
                                                      + ['GError **err']))
        body = []
        argtype = None
        if members:
            argtype = 'args_' + cn
            self.defs.append(self.object_type(argtype, name, data))
        body.append('static JsonNode *marshal_%s(QmpSession *qs, JsonObject *args, GError **err)'
                    % cn)
        body.append('{')
        body.append('    if (!qmp_check_args(&%s, args, err)) {' % (argtype or 'qmp_type_empty'))
        body.append('        return NULL;')
        body.append('    }')
        call = ['qs']
        for m, t, opt in members:
            v = c_name(m)
            if opt:
                body.append('    bool has_%s = json_object_has_member(args, "%s");' % (v, m))
                body.append('    %s%s = has_%s ? %s : %s;' % (
                    self.c_arg_type(self.s, t), ('' if self.c_arg_type(self.s, t)[-1] in ' *'
                                                 else ' ') + v, v, self.getter(m, t),
                    self.zero(t)))
                call.append('has_' + v)
            else:
                ctype = self.c_arg_type(self.s, t)
                body.append('    %s%s = %s;' % (ctype, ('' if ctype[-1] in ' *' else ' ') + v,
                                               self.getter(m, t)))
            call.append(v)
        call.append('err')
        if 'returns' in c:
            body.append('    return qmp_%s(%s);' % (cn, ', '.join(call)))
        else:
            body.append('    return qmp_%s(%s) ? qmp_empty_return() : NULL;'
                        % (cn, ', '.join(call)))
        body.append('}')
        return proto, '\n'.join(body)

    def event(self, ev):
        name = ev['event']
        data = ev.get('data', {})
        params = self.params(data) or ['void']
        proto = 'void qmp_event_%s(%s)' % (c_name(name).lower(), ', '.join(params))
        body = [proto, '{', '    JsonObject *data = NULL;']
        members = Schema.members(data)
        if members:
            body.append('    data = json_object_new();')
        for m, t, opt in members:
            v = c_name(m)
            ind = '    '
            if opt:
                body.append('    if (has_%s) {' % v)
                ind = '        '
            if t == 'str':
                body.append(ind + 'json_object_set_string_member(data, "%s", %s);' % (m, v))
            elif t in ('int', 'uint64', 'size'):
                body.append(ind + 'json_object_set_int_member(data, "%s", (gint64)%s);' % (m, v))
            elif t == 'bool':
                body.append(ind + 'json_object_set_boolean_member(data, "%s", %s);' % (m, v))
            elif t == 'number':
                body.append(ind + 'json_object_set_double_member(data, "%s", %s);' % (m, v))
            elif isinstance(t, str) and t in self.s.enums:
                body.append(ind + 'json_object_set_string_member(data, "%s", %s_str[%s]);'
                            % (m, t, v))
            else:
                fail('event %s: member %s of type %r: only scalars and enums' % (name, m, t))
            if opt:
                body.append('    }')
        body.append('    qmp_event_send("%s", data);' % name)
        body.append('}')
        return proto, '\n'.join(body)


def c_string(text):
    lines = []
    for i in range(0, len(text), 100):
        chunk = text[i:i + 100].replace('\\', '\\\\').replace('"', '\\"')
        lines.append('    "%s"' % chunk)
    return '\n'.join(lines)


def main():
    schema_path, out_c, out_h = sys.argv[1:4]
    s = Schema(read_schema(schema_path))
    gen = CGen(s)
    head = ('/* Made by scripts/qmp-gen.py from softmmu/qmp-schema.json: edit those, '
            'not this. */\n')

    h = [head, '#ifndef QMP_GEN_H', '#define QMP_GEN_H', '',
         '#include "softmmu/qmp.h"', '']
    for name, values in s.enums.items():
        prefix = upper_name(name)
        h.append('typedef enum %s {' % name)
        for v in values:
            h.append('    %s_%s,' % (prefix, c_name(v).upper()))
        h.append('    %s__MAX,' % prefix)
        h.append('} %s;' % name)
        h.append('extern const char *const %s_str[];' % name)
        h.append('')
    bodies = []
    h.append('/* Handlers (softmmu/qmp-commands.c).  A command with a reply returns it,')
    h.append(' * one without returns true; NULL or false with *err set is an error. */')
    for c in s.commands:
        proto, body = gen.command(c)
        h.append(proto + ';')
        bodies.append(body)
    h.append('')
    h.append('/* Events, sent to every session past negotiation. */')
    events = []
    for ev in s.events:
        proto, body = gen.event(ev)
        h.append(proto + ';')
        events.append(body)
    h += ['', 'extern const QmpCommand qmp_commands[];', 'extern const size_t qmp_command_count;',
          'extern const char qmp_introspection[];', '', '#endif', '']

    c = [head, '#include "qmp-gen.h"', '']
    for name, values in s.enums.items():
        c.append('const char *const %s_str[] = { %s, NULL };'
                 % (name, ', '.join('"%s"' % v for v in values)))
    c.append('')
    c += gen.defs
    c.append('')
    c += bodies
    c.append('')
    c += events
    c.append('')
    c.append('const QmpCommand qmp_commands[] = {')
    for cmd in s.commands:
        c.append('    { "%s", marshal_%s },' % (cmd['command'], c_name(cmd['command'])))
    c.append('};')
    c.append('const size_t qmp_command_count = %d;' % len(s.commands))
    c.append('')
    intro = json.dumps(Introspection(s).build(), separators=(',', ':'))
    c.append('const char qmp_introspection[] =\n%s;' % c_string(intro))
    c.append('')
    open(out_c, 'w').write('\n'.join(c))
    open(out_h, 'w').write('\n'.join(h))


main()
