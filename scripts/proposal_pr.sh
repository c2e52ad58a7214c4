#!/usr/bin/env bash
# GitHub Actions side of a "Proposer une fiche" issue, after scripts/propose_card.py has run:
#   comment DIR   post DIR/commentaire.md (what to fix, already escaped) on the issue
#   pr DIR        push the card on proposition/<issue>-<id> and open the pull request
# Environment: GH_TOKEN, GITHUB_REPOSITORY, ISSUE (a number), CARD_PATH and CARD_ID (the script's
# outputs, [a-z0-9-/.] only), BASE. No text of the issue is ever expanded by this shell: the PR
# title is read from a file into one argument.
set -euo pipefail
action="${1:?comment ou pr}"
dir="${2:?dossier de travail}"
case "$ISSUE" in *[!0-9]*|'') echo "numéro d'issue inattendu" >&2; exit 2;; esac

if [ "$action" = comment ]; then
  if [ -f "$dir/commentaire.md" ]; then
    gh issue comment "$ISSUE" --repo "$GITHUB_REPOSITORY" --body-file "$dir/commentaire.md"
  fi
  exit 0
fi
[ "$action" = pr ] || { echo "étape inconnue : comment ou pr" >&2; exit 2; }

case "$CARD_ID" in *[!a-z0-9-]*|'') echo "identifiant de fiche inattendu" >&2; exit 2;; esac
case "$CARD_PATH" in practices/*/"$CARD_ID".yml) ;; *) echo "chemin de fiche inattendu" >&2; exit 2;; esac
branch="proposition/$ISSUE-$CARD_ID"
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git switch -c "$branch"
git add -- "$CARD_PATH"
git commit -q -m "Nouvelle fiche proposée dans l'issue #$ISSUE" \
  -m "Convertie du formulaire par scripts/propose_card.py et vérifiée par le validateur."
# actions/checkout kept no credentials (persist-credentials: false): the token is given to this
# one push only, the way checkout itself passes it, and masked in the log.
auth="$(printf 'x-access-token:%s' "$GH_TOKEN" | base64 -w0)"
echo "::add-mask::$auth"
git -c "http.https://github.com/.extraheader=AUTHORIZATION: basic $auth" push -q origin "$branch"
printf 'Fiche proposée dans #%s, convertie du formulaire et vérifiée automatiquement.\n\nCloses #%s\n' \
  "$ISSUE" "$ISSUE" > "$dir/corps.md"
title="$(cat "$dir/titre.txt")"
url="$(gh pr create --repo "$GITHUB_REPOSITORY" --head "$branch" --base "$BASE" --title "$title" --body-file "$dir/corps.md")"
printf 'Merci ! La fiche est prête à relire : %s\n' "$url" > "$dir/merci.md"
gh issue comment "$ISSUE" --repo "$GITHUB_REPOSITORY" --body-file "$dir/merci.md"
