"""Reading published releases (OUT/releases/<id>/…): shared by the portal, explain and reconcile."""
