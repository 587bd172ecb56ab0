/**
 * French catalogue: the source of truth for message keys (French is the default UI language).
 * `as const` keeps each string literal so that `{placeholders}` can be checked at the call site.
 * No imports here: the e2e page models import this file under Node to find elements by label.
 */
export const fr = {
  'app.name': 'Amiable',
  'app.tagline': 'Le recouvrement amiable, dans le respect des droits de chacun.',
  'app.loading': 'Chargement…',
  'app.skipToContent': 'Aller au contenu',
  'app.pageTitle': '{page} · Amiable',

  'language.label': 'Langue',
  'language.fr': 'Français',
  'language.en': 'English',

  'role.admin': 'Administrateur',
  'role.manager': 'Responsable',
  'role.agent': 'Chargé de recouvrement',
  'role.compliance': 'Conformité',
  'role.creditor': 'Créancier',

  'login.title': 'Connexion',
  'login.heading': 'Connexion à votre espace',
  'login.email': 'Adresse e-mail',
  'login.password': 'Mot de passe',
  'login.showPassword': 'Afficher le mot de passe',
  'login.submit': 'Se connecter',
  'login.emailRequired': 'Saisissez votre adresse e-mail.',
  'login.passwordRequired': 'Saisissez votre mot de passe.',
  'login.locked': 'Compte temporairement verrouillé après plusieurs échecs. Réessayez dans {wait}.',
  'login.rateLimited': 'Trop de tentatives depuis cet appareil. Réessayez dans {wait}.',
  'login.footer': 'Accès réservé au personnel habilité et aux créanciers mandants.',

  'shell.navigation': 'Navigation principale',
  'shell.openNavigation': 'Ouvrir la navigation',
  'shell.closeNavigation': 'Fermer la navigation',
  'shell.logout': 'Se déconnecter',

  'nav.home': 'Accueil',

  'home.title': 'Accueil',
  'home.greeting': 'Bonjour {name}',
  'home.intro': 'Voici ce que vous pouvez faire dans Amiable.',
  'home.role.admin': 'Vous gérez les utilisateurs, les rôles et la configuration de la plateforme, et vous avez accès à l’ensemble des dossiers.',
  'home.role.manager': 'Vous pilotez l’activité : répartition des dossiers, suivi des équipes et des indicateurs.',
  'home.role.agent': 'Vous traitez vos dossiers : contacts avec les débiteurs, promesses, échéanciers et paiements, toujours dans les limites fixées par le moteur de conformité.',
  'home.role.compliance': 'Vous contrôlez la conformité : règles de contact, suspensions, réclamations et journal d’audit.',
  'home.role.creditor': 'Vous consultez, en lecture seule, les dossiers confiés par votre organisation et leur avancement.',
  'home.comingSoon': 'Les autres écrans (liste de travail, dossiers, imports…) arrivent dans les prochaines versions.',

  'notFound.title': 'Page introuvable',
  'notFound.body': 'La page demandée n’existe pas ou a été déplacée.',
  'notFound.back': 'Retour à l’accueil',

  'forbidden.title': 'Accès non autorisé',
  'forbidden.body': 'Votre rôle ne donne pas accès à cette page. Si vous pensez que c’est une erreur, contactez un administrateur.',
  'forbidden.back': 'Retour à l’accueil',

  'unavailable.title': 'Service momentanément indisponible',
  'unavailable.body': 'Amiable ne parvient pas à joindre le serveur ou à afficher cette page. Réessayez dans un instant.',
  'unavailable.retry': 'Réessayer',

  'errors.generic': 'Une erreur est survenue. Réessayez dans un instant.',
  'errors.network_error': 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.',
  'errors.unauthenticated': 'Votre session a expiré. Veuillez vous reconnecter.',
  'errors.invalid_credentials': 'Adresse e-mail ou mot de passe incorrect.',
  'errors.account_locked': 'Compte temporairement verrouillé après plusieurs échecs. Réessayez plus tard.',
  'errors.rate_limited': 'Trop de tentatives. Patientez un instant avant de réessayer.',
  'errors.validation_failed': 'Certaines informations sont invalides. Vérifiez le formulaire.',
  'errors.forbidden': 'Vous n’êtes pas autorisé à effectuer cette action.',
  'errors.not_found': 'Élément introuvable.',
  'errors.csrf_invalid': 'Votre session n’est plus valide pour cette action. Rechargez la page et réessayez.',
  'errors.internal': 'Une erreur interne est survenue. Réessayez dans un instant.',
  'errors.conflict': 'Cet élément a été modifié entre-temps. Rechargez la page et réessayez.',
  'errors.payload_too_large': 'L’envoi est trop volumineux.',
  'errors.unsupported_media_type': 'Ce type de fichier ou de contenu n’est pas accepté.',
  'errors.service_unavailable': 'Le service est momentanément indisponible. Réessayez dans un instant.',
} as const;

export type MessageKey = keyof typeof fr;
