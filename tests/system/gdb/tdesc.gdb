maint print xml-tdesc
kill
