"""Argument layer of `parloir admin ...` (light: the handlers import the database lazily).

`central.cli.register` calls `register(sub)`; every handler lives in
`central.admin.commands` and returns an exit status. User errors are
`parloir.cli.CliError` (printed in French, exit 2).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

ROLES = ("guard", "technician", "monitor", "admin")


def _handler(name: str) -> Callable[[argparse.Namespace], int]:
    """Resolve `central.admin.commands.<name>` only when the command runs."""

    def run(args: argparse.Namespace) -> int:
        import importlib

        commands = importlib.import_module("central.admin.commands")
        func: Callable[[argparse.Namespace], int] = getattr(commands, name)
        return func(args)

    run.__name__ = name
    return run


def _group(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=_usage(parser))
    return parser.add_subparsers(dest=f"{name}_command", metavar="ACTION")


def _usage(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    def show(_args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    return show


def _cmd(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help_text: str,
    handler: str,
    **kw: Any,
) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=help_text, **kw)
    p.set_defaults(handler=_handler(handler))
    return p


def _detainee_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--detainee",
        required=True,
        metavar="ECROU",
        help="numéro d'écrou (ou id:N pour l'identifiant interne)",
    )
    p.add_argument(
        "--establishment",
        type=int,
        metavar="ID",
        help="établissement (si le numéro d'écrou existe dans plusieurs)",
    )


def _contact_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--contact", type=int, metavar="ID", help="identifiant du contact")
    p.add_argument("--detainee", metavar="ECROU", help="avec --phone : écrou de la personne")
    p.add_argument("--phone", metavar="NUMERO", help="avec --detainee : numéro autorisé")
    p.add_argument("--establishment", type=int, metavar="ID")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    admin = sub.add_parser(
        "admin",
        help="administration: establishments, booths, people, accounts, sanctions, audit",
        description=(
            "Administration du central Parloir. Chaque action est inscrite au journal d'audit."
        ),
    )
    where = admin.add_mutually_exclusive_group()
    where.add_argument(
        "--db", metavar="URL", help="base de données (sqlite:///... ou postgresql://...)"
    )
    where.add_argument("--data-dir", metavar="DIR", help="dossier de données du central")
    where.add_argument("--config", metavar="FILE", help="fichier de configuration TOML du central")
    admin.add_argument(
        "--actor",
        metavar="NOM",
        help="qui agit, pour le journal d'audit (par défaut : l'utilisateur système)",
    )
    admin.set_defaults(handler=_usage(admin))
    cmds = admin.add_subparsers(dest="admin_command", metavar="COMMAND")

    # establishment
    g = _group(cmds, "establishment", "établissements")
    p = _cmd(g, "create", "créer un établissement", "establishment_create")
    p.add_argument("--name", required=True)
    p.add_argument("--timezone", default="Europe/Paris")
    p.add_argument("--slot-minutes", type=int, default=30)
    p.add_argument("--max-call-minutes", type=int, default=30)
    _cmd(g, "list", "lister les établissements", "establishment_list")

    # booth
    g = _group(cmds, "booth", "cabines")
    p = _cmd(g, "create", "créer une cabine (le jeton est affiché une seule fois)", "booth_create")
    p.add_argument("--establishment", type=int, required=True, metavar="ID")
    p.add_argument("--name", required=True)
    p = _cmd(g, "list", "lister les cabines", "booth_list")
    p.add_argument("--establishment", type=int, metavar="ID")

    # hours
    g = _group(cmds, "hours", "heures d'ouverture")
    p = _cmd(
        g,
        "set",
        "fixer les heures d'ouverture de certains jours",
        "hours_set",
        epilog="Exemple : parloir admin hours set --establishment 1 --days lun-ven "
        "--hours 08:00-12:00,13:30-18:00   (--hours fermé pour fermer ces jours)",
    )
    p.add_argument("--establishment", type=int, required=True, metavar="ID")
    p.add_argument("--days", required=True, help="jours : lun-ven, sam,dim, tous (ou mon..sun)")
    p.add_argument(
        "--hours", required=True, help="plages HH:MM-HH:MM séparées par des virgules, ou « fermé »"
    )
    p = _cmd(g, "show", "afficher les heures d'ouverture", "hours_show")
    p.add_argument("--establishment", type=int, required=True, metavar="ID")

    # import
    g = _group(cmds, "import", "import CSV (tout ou rien)")
    for what in ("detainees", "contacts"):
        p = _cmd(
            g,
            what,
            f"importer des {'personnes détenues' if what == 'detainees' else 'contacts autorisés'} "
            "(toutes les lignes sont vérifiées ; rien n'est importé s'il y a une erreur)",
            f"import_{what}",
        )
        p.add_argument("file", metavar="FICHIER.csv")
        p.add_argument("--establishment", type=int, required=True, metavar="ID")
        p.add_argument("--dry-run", action="store_true", help="vérifier seulement")

    # account
    g = _group(cmds, "account", "compte téléphonie")
    p = _cmd(g, "credit", "créditer le compte téléphonie", "account_credit")
    _detainee_args(p)
    p.add_argument("--amount", required=True, help="montant en euros, ex. 20 ou 12,50")
    p.add_argument("--reason", default="crédit depuis le compte nominatif")
    p.add_argument("--ref", help="référence externe (évite un double crédit)")
    p = _cmd(g, "set-plan", "changer la formule (type d'apport)", "account_set_plan")
    _detainee_args(p)
    p.add_argument("--plan", required=True, help="hors-forfait, 20, 30, 40, 50, 70 ou 100")
    p.add_argument("--reason", default="")
    p = _cmd(g, "show", "afficher le solde et la formule", "account_show")
    _detainee_args(p)

    # contact sanctions
    g = _group(cmds, "contact", "numéros autorisés : suspendre, retirer, rétablir")
    p = _cmd(g, "list", "lister les numéros autorisés d'une personne", "contact_list")
    _detainee_args(p)
    for action, text in (
        ("suspend", "suspendre un numéro"),
        ("withdraw", "retirer un numéro"),
        ("restore", "rétablir un numéro"),
    ):
        p = _cmd(g, action, text, f"contact_{action}")
        _contact_args(p)
        p.add_argument("--reason", required=True, help="motif (inscrit au journal)")
        if action == "suspend":
            p.add_argument(
                "--until",
                required=True,
                metavar="DATE",
                help="AAAA-MM-JJ (inclus) ou AAAA-MM-JJTHH:MM, heure locale",
            )

    # access sanctions
    g = _group(cmds, "access", "accès à la visio d'une personne détenue")
    for action, text in (
        ("suspend", "suspendre l'accès"),
        ("withdraw", "retirer l'accès"),
        ("restore", "rétablir l'accès"),
    ):
        p = _cmd(g, action, text, f"access_{action}")
        _detainee_args(p)
        p.add_argument("--reason", required=True, help="motif (inscrit au journal)")
        if action == "suspend":
            p.add_argument(
                "--until",
                required=True,
                metavar="DATE",
                help="AAAA-MM-JJ (inclus) ou AAAA-MM-JJTHH:MM, heure locale",
            )

    # calls, ledger
    g = _group(cmds, "calls", "appels")
    p = _cmd(g, "list", "lister les appels d'une personne", "calls_list")
    _detainee_args(p)
    p.add_argument("--limit", type=int, default=50)
    g = _group(cmds, "ledger", "mouvements du compte téléphonie")
    p = _cmd(g, "list", "lister les mouvements du compte", "ledger_list")
    _detainee_args(p)
    p.add_argument("--limit", type=int, default=50)

    # staff
    g = _group(cmds, "staff", "personnels")
    p = _cmd(g, "create", "créer un compte personnel (PIN demandé, jamais affiché)", "staff_create")
    p.add_argument("--username", required=True)
    p.add_argument("--name", default="", help="nom affiché")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument(
        "--establishment",
        type=int,
        metavar="ID",
        help="établissement (absent : tous les établissements)",
    )
    p.add_argument("--pin-stdin", action="store_true", help="lire le PIN sur l'entrée standard")
    p.add_argument(
        "--password",
        action="store_true",
        help="donner aussi un mot de passe (console des écoutes) ; avec --pin-stdin, "
        "lu sur la ligne suivante de l'entrée standard",
    )

    _cmd(
        cmds,
        "purge-recordings",
        "détruire les enregistrements dont la durée de conservation est passée (journalisé)",
        "purge_recordings",
    )
    _cmd(
        cmds,
        "verify-audit",
        "vérifier la chaîne du journal d'audit (code 1 si rompue)",
        "verify_audit",
    )
