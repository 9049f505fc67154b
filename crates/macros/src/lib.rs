//! `#[guarded]`: the permission an operation needs is written once, as the type of its
//! handler's guard parameter, and the OpenAPI `x-permission` is generated from that type.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{ToTokens, quote};
use syn::{Attribute, FnArg, ItemFn, Meta, Type, parse_macro_input};

/// The type names that guard a handler: `Guard<Action, Target>`, `Authenticated` (any signed-in
/// caller) and `Public` (no credentials).
const GUARDS: [&str; 3] = ["Guard", "Authenticated", "Public"];

/// Put above `#[utoipa::path(..)]` on a handler. Finds the handler's one guard parameter and
/// adds `extensions(("x-permission" = ..))` to its `utoipa::path`, taken from
/// `<Guard as crate::guard::Guarded>::PERMISSION`. A handler without a guard, with two, or
/// whose `utoipa::path` writes `x-permission` by hand does not compile.
#[proc_macro_attribute]
pub fn guarded(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut function = parse_macro_input!(item as ItemFn);
    match expand(attr.into(), &mut function) {
        Ok(()) => function.into_token_stream().into(),
        Err(error) => {
            let error = error.to_compile_error();
            quote! { #error #function }.into()
        }
    }
}

fn expand(attr: TokenStream2, function: &mut ItemFn) -> syn::Result<()> {
    if !attr.is_empty() {
        return Err(syn::Error::new_spanned(
            attr,
            "#[guarded] takes no arguments",
        ));
    }
    let guards: Vec<&Type> = function
        .sig
        .inputs
        .iter()
        .filter_map(|arg| match arg {
            FnArg::Typed(typed) if is_guard(&typed.ty) => Some(typed.ty.as_ref()),
            _ => None,
        })
        .collect();
    let guard = match guards.as_slice() {
        [one] => (*one).clone(),
        [] => {
            return Err(syn::Error::new_spanned(
                &function.sig,
                "a handler needs a guard parameter: Guard<Action, Target>, Authenticated or Public",
            ));
        }
        _ => {
            return Err(syn::Error::new_spanned(
                &function.sig,
                "a handler has exactly one guard parameter",
            ));
        }
    };
    let path = function
        .attrs
        .iter_mut()
        .find(|a| is_utoipa_path(a))
        .ok_or_else(|| {
            syn::Error::new_spanned(
                &function.sig.ident,
                "#[guarded] goes above the handler's #[utoipa::path(..)]",
            )
        })?;
    let Meta::List(list) = &mut path.meta else {
        return Err(syn::Error::new_spanned(
            &path.meta,
            "expected #[utoipa::path(..)]",
        ));
    };
    if list.tokens.to_string().contains("x-permission") {
        return Err(syn::Error::new_spanned(
            &list.tokens,
            "x-permission is generated from the guard; do not write it",
        ));
    }
    let extension = quote! {
        extensions(("x-permission" = json!(<#guard as crate::guard::Guarded>::PERMISSION)))
    };
    let tokens = &list.tokens;
    let ends_with_comma = tokens
        .clone()
        .into_iter()
        .last()
        .is_some_and(|t| matches!(&t, proc_macro2::TokenTree::Punct(p) if p.as_char() == ','));
    list.tokens = if tokens.is_empty() || ends_with_comma {
        quote! { #tokens #extension }
    } else {
        quote! { #tokens, #extension }
    };
    Ok(())
}

fn is_guard(ty: &Type) -> bool {
    match ty {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|s| GUARDS.iter().any(|g| s.ident == g)),
        _ => false,
    }
}

fn is_utoipa_path(attr: &Attribute) -> bool {
    let segments: Vec<String> = attr
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segments == ["utoipa", "path"]
}
