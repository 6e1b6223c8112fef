# Les certificats de réalisation : la carte et la page des séances de
# l'apprenant, « Mes certificats », la page publique de vérification, le
# PDF, le mail, l'administration et la ligne de commande.

certificates-download = Télécharger le certificat
certificates-verification-link = Lien de vérification
certificates-revoked-note = Certificat révoqué : contactez l'organisme de formation.
certificates-below-threshold = Taux de présence { $rate } % — { $required } % requis
certificates-mine = Mes certificats
certificates-none-yet = Pas encore de certificat : il arrive à la fin de chaque formation suivie.

certificates-verify-title = Vérification de certificat
certificates-state-valid = Certificat valide
certificates-state-revoked = Certificat révoqué
certificates-state-replaced = Certificat remplacé
certificates-revoked-on = Révoqué le { $date } : { $reason }
certificates-replaced-by = Remplacé par le certificat
certificates-fact-code = Code
certificates-fact-learner = Apprenant
certificates-fact-formation = Formation
certificates-fact-period = Période
certificates-fact-issued = Délivré le

certificates-hours = { $hours } h
certificates-hours-minutes = { $hours } h { $minutes }

certificates-pdf-title = Certificat de réalisation
certificates-pdf-awarded = décerné à
certificates-pdf-for = pour avoir suivi la formation
certificates-pdf-level = Niveau : { $level }
certificates-pdf-period = du { $start } au { $end }
certificates-pdf-attendance = { $attended } { $attended ->
    [one] séance suivie
   *[other] séances suivies
} sur { $total } · { $hours } de présence
certificates-pdf-instructor = Formateur : { $name }
certificates-pdf-issued = Délivré le { $date }
certificates-pdf-code = Code : { $code }
certificates-pdf-verify = Vérifiez ce certificat en ligne (ou scannez le code QR) :

certificates-mail =
    .subject = Votre certificat est disponible
    .intro = Félicitations : vous avez terminé la formation « { $formation } ».
    .body = Votre certificat de réalisation est joint à ce message (PDF). Vous le retrouvez aussi dans « Mes certificats ».
    .button = Vérifier le certificat
    .closing = Toute personne à qui vous le montrez peut le vérifier avec ce lien ou le code QR du PDF.

certificates-min-attendance = Présence minimale pour le certificat (%)
certificates-min-attendance-hint = De 0 à 100 : la part des séances de l'inscription à suivre ; 0 ne demande rien.

certificates-admin-title = Certificats
certificates-admin-empty = Aucun certificat pour cette formation.
certificates-admin-code = Code
certificates-admin-learner = Apprenant
certificates-admin-issued = Délivré le
certificates-admin-state = État
certificates-admin-actions = Actions
certificates-admin-by-exception = par exception
certificates-admin-revoke = Révoquer
certificates-admin-reason = Motif
certificates-admin-reissue = Réémettre
certificates-admin-older = Certificats plus anciens
certificates-admin-without = Terminées sans certificat
certificates-admin-without-rate = Présence { $rate } % ({ $required } % requis)
certificates-admin-issue = Délivrer par exception

cli-certificate-show =
    .code = code :
    .state = état :
    .learner = apprenant :
    .formation = formation :
    .period = période :
    .attendance = présence :
    .issued = délivré le :

error-a-cert-min = La présence minimale est un pourcentage entier de 0 à 100.
error-certificate_code = Ce n'est pas un code de certificat (16 caractères, ex. FMT-7K3M-9QXA-2B4C-D5E6).
error-a-revoke-reason = Indiquez le motif de la révocation (500 caractères au plus).
error-a-cert-not-completed = Cette inscription n'est pas terminée (ou elle est annulée) : pas de certificat.
error-a-cert-not-earned = Le taux de présence est sous le minimum de la formation : délivrez le certificat par exception si c'est voulu.
error-a-cert-revoked = Le certificat de cette inscription est révoqué : réémettez-le pour en délivrer un nouveau.
error-a-cert-already-revoked = Ce certificat est déjà révoqué.
error-a-cert-replaced = Ce certificat a été remplacé : agissez sur le certificat actuel.
