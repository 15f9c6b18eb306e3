-- nothing here
/* or here */ ;;