#!/usr/bin/env bash
# The gh-pages branch, which GitHub Pages serves: the handbook at its root, and a preview of each
# pull request that changes cards only, at apercu/pr-<n>/.
#   publish SITE      the handbook built from main (make publish): everything but apercu/ replaced
#   publish DIR       (make apercu STEP=publish) the site a pull request's check built, downloaded
#                     into DIR: published at apercu/pr-<n>/, with a comment on the pull request
#   remove -          (make apercu STEP=remove) a closed pull request's preview deleted
# Environment: GH_TOKEN, GITHUB_REPOSITORY; MODE=site or MODE=apercu for publish; RUN_HEAD_SHA
# (the commit the check ran on, from the workflow_run event) for a preview; PR_NUMBER for remove;
# PAGES_REMOTE (tests) instead of the repository on GitHub.
#
# A preview is built from the pull request's files, which are hostile (SECURITY.md). This script
# runs with a token that can write, so it trusts nothing that comes from the pull request: the
# number is found from the commit GitHub says was checked, not read from the artifact; only a pull
# request whose changes are all under practices/ (text the validator has checked: no HTML, no
# script) gets a preview, so that no page of the site's address can run a script of its own; the
# files are copied, never run, and links are refused.
set -euo pipefail
action="${1:?publish ou remove}"
source_dir="${2:-}"
repo="${GITHUB_REPOSITORY:?}"
marker="<!-- apercu-maillage -->"
max_megabytes=300

remote="${PAGES_REMOTE:-https://github.com/$repo.git}"
git_auth=()
if [ -n "${GH_TOKEN:-}" ] && [ -z "${PAGES_REMOTE:-}" ]; then
  auth="$(printf 'x-access-token:%s' "$GH_TOKEN" | base64 -w0)"
  echo "::add-mask::$auth"
  git_auth=(-c "http.https://github.com/.extraheader=AUTHORIZATION: basic $auth")
fi

# Apply "$@" (a function and its arguments) to a fresh copy of gh-pages, commit with $message and
# push; three tries, since the main site and several previews may push at the same time.
update_pages() {
  local work attempt
  work="$(mktemp -d)"
  git -C "$work" init -q
  git -C "$work" config user.name "github-actions[bot]"
  git -C "$work" config user.email "41898282+github-actions[bot]@users.noreply.github.com"
  git -C "$work" remote add origin "$remote"
  for attempt in 1 2 3; do
    if git -C "$work" "${git_auth[@]}" fetch -q --depth 1 origin gh-pages 2>/dev/null; then
      git -C "$work" checkout -q -f -B gh-pages FETCH_HEAD
    else
      git -C "$work" checkout -q -f --orphan gh-pages
      git -C "$work" rm -rqf --ignore-unmatch . >/dev/null
    fi
    git -C "$work" clean -qfdx
    (cd "$work" && "$@")
    touch "$work/.nojekyll"  # files and folders starting with « _ » are served as they are
    git -C "$work" add -A
    if git -C "$work" diff --cached --quiet; then
      return 0
    fi
    git -C "$work" commit -q -m "$message"
    if git -C "$work" "${git_auth[@]}" push -q origin gh-pages; then
      return 0
    fi
    echo "gh-pages a changé pendant la mise à jour ; nouvel essai ($attempt/3)" >&2
    sleep $((attempt * 5))
  done
  echo "impossible de pousser gh-pages" >&2
  return 1
}

replace_site() {  # in the gh-pages copy: the new handbook, the previews kept
  find . -mindepth 1 -maxdepth 1 ! -name .git ! -name apercu -exec rm -rf {} +
  cp -R "$source_dir"/. .
}

replace_preview() {
  rm -rf "apercu/pr-$number"
  mkdir -p "apercu/pr-$number"
  cp -R "$source_dir"/. "apercu/pr-$number/"
}

remove_preview() {
  rm -rf "apercu/pr-$number"
}

# Post $1 (a file) on the pull request, or replace this script's earlier comment there.
say_on_pull_request() {
  local existing
  existing="$(gh api --paginate "repos/$repo/issues/$number/comments" \
    --jq ".[] | select(.user.login == \"github-actions[bot]\" and (.body | startswith(\"$marker\"))) | .id" | head -n 1)"
  case "$existing" in
    '') gh pr comment "$number" --repo "$repo" --body-file "$1" ;;
    *[!0-9]*) echo "identifiant de commentaire inattendu" >&2; return 1 ;;
    *) gh api --method PATCH "repos/$repo/issues/comments/$existing" -F "body=@$1" >/dev/null ;;
  esac
}

pages_url() {
  local url
  url="$(gh api "repos/$repo/pages" --jq .html_url 2>/dev/null || true)"
  case "$url" in
    https://*) printf '%s' "${url%/}" ;;
    *) printf 'https://%s.github.io/%s' "$(printf '%s' "${repo%%/*}" | tr '[:upper:]' '[:lower:]')" "${repo#*/}" ;;
  esac
}

check_copyable() {  # what the pull request's check built: plain files and folders, not too big
  [ -f "$source_dir/index.html" ] || { echo "pas de site construit dans $source_dir" >&2; return 1; }
  if [ -n "$(find "$source_dir" ! -type f ! -type d -print -quit)" ]; then
    echo "le site reçu contient autre chose que des fichiers et des dossiers : refusé" >&2; return 1
  fi
  if [ "$(du -sm "$source_dir" | cut -f1)" -gt "$max_megabytes" ]; then
    echo "le site reçu dépasse $max_megabytes Mo : refusé" >&2; return 1
  fi
}

case "$action" in
  publish)
    if [ "${MODE:-site}" = site ]; then
      [ -f "$source_dir/index.html" ] || { echo "pas de site construit dans $source_dir" >&2; exit 1; }
      message="Publication du guide ($(git rev-parse --short HEAD 2>/dev/null || echo main))"
      update_pages replace_site
      exit 0
    fi
    sha="${RUN_HEAD_SHA:-}"
    [[ "$sha" =~ ^[0-9a-f]{40}$ ]] || { echo "commit de la vérification inattendu" >&2; exit 2; }
    numbers="$(gh api --paginate "repos/$repo/pulls?state=open&per_page=100" \
      --jq ".[] | select(.head.sha == \"$sha\") | .number")"
    number="$(printf '%s\n' "$numbers" | sed '/^$/d')"
    case "$number" in
      ''|*[!0-9]*) echo "aucune pull request ouverte (ou plusieurs) sur $sha : pas d'aperçu" >&2; exit 0 ;;
    esac
    changed="$(gh api --paginate "repos/$repo/pulls/$number/files?per_page=100" --jq '.[].filename')"
    others="$(printf '%s\n' "$changed" | sed '/^$/d' | grep -v '^practices/' || true)"
    notice="$(mktemp)"
    if [ -z "$changed" ] || [ -n "$others" ]; then
      {
        echo "$marker"
        echo "**Aperçu non publié** : cette *pull request* modifie d'autres fichiers que ceux de \`practices/\`."
        echo "Par prudence, seul un changement de fiches est publié en aperçu ; une personne de l'équipe"
        echo "regardera le site construit sur son ordinateur (\`make serve\`)."
      } > "$notice"
      say_on_pull_request "$notice"
      exit 0
    fi
    check_copyable
    message="Aperçu de la pull request #$number (${sha:0:7})"
    update_pages replace_preview
    url="$(pages_url)/apercu/pr-$number/"
    {
      echo "$marker"
      echo "**Aperçu du guide avec vos changements** : $url"
      echo
      echo "Il se met à jour à chaque nouvelle version de la *pull request* (commit ${sha:0:7}),"
      echo "une à deux minutes après la vérification. Regardez la page de la fiche, sa place dans la"
      echo "rubrique et la recherche. L'aperçu est retiré quand la *pull request* est fermée."
    } > "$notice"
    say_on_pull_request "$notice"
    ;;
  remove)
    number="${PR_NUMBER:-}"
    case "$number" in ''|*[!0-9]*) echo "numéro de pull request inattendu" >&2; exit 2 ;; esac
    message="Aperçu de la pull request #$number retiré (fermée)"
    update_pages remove_preview
    ;;
  *) echo "étape inconnue : publish ou remove" >&2; exit 2 ;;
esac
